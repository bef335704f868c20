using IceFarm.Contracts.Devices;

namespace IceFarm.AdminApi.Farm;

/// <summary>The device table's filters (API query and panel); every part is optional.</summary>
internal sealed record DeviceFilter(string? Worker, DeviceState? State, string? Client)
{
    public static DeviceFilter None { get; } = new(null, null, null);

    /// <summary>Parses the query values; an unknown state is an error that names the known ones.</summary>
    public static (DeviceFilter? Filter, string? Error) Parse(string? worker, string? state, string? client)
    {
        DeviceState? parsed = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<DeviceState>(state, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(state, out _))
            {
                return (null, $"Unknown state '{state}'. Known states: {string.Join(", ", Enum.GetNames<DeviceState>())}.");
            }

            parsed = value;
        }

        return (new DeviceFilter(Blank(worker), parsed, Blank(client)), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
