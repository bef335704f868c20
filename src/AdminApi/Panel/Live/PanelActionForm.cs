namespace IceFarm.AdminApi.Panel.Live;

/// <summary>The form the panel's confirmation dialog posts.</summary>
internal sealed class PanelActionForm
{
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Duration { get; set; }
    public int? DeadlineMinutes { get; set; }
}
