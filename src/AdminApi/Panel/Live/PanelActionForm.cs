namespace IceFarm.AdminApi.Panel.Live;

/// <summary>The form the panel's confirmation dialog (script) or confirmation page (no script) posts.</summary>
internal sealed class PanelActionForm
{
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Duration { get; set; }
    public int? DeadlineMinutes { get; set; }

    /// <summary>Why a worker goes into maintenance, or a board is held out of service or returned.</summary>
    public string? Reason { get; set; }

    /// <summary>The quota form's fields, as typed (empty: the farm's default); read by <see cref="PanelQuotaForm"/>.</summary>
    public string? MaxBoards { get; set; }

    public string? MaxReservations { get; set; }

    public string? MaxWaiting { get; set; }

    public string? MaxBoardHoursPerDay { get; set; }

    public string? Priority { get; set; }

    /// <summary>Where a post without script returns to (a local path), with the outcome.</summary>
    public string? Back { get; set; }
}
