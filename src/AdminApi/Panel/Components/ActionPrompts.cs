using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Http;

namespace IceFarm.AdminApi.Panel.Components;

/// <summary>
/// The sentence an action asks before it hurts someone, shared by the buttons (the script's dialog) and the confirmation
/// page (without script), so both say the same. Null: nobody is hurt, the script sends without asking.
/// </summary>
internal static class ActionPrompts
{
    public static string? ForDevice(string action, DeviceInfo device) => action switch
    {
        "end" when device.ReservationId is not null =>
            $"End reservation {PanelFormat.Short(device.ReservationId)} of client {device.ClientId}? Every board of it is released and the client's program loses them now.",
        "extend" when device.ReservationId is not null => $"Extend reservation {PanelFormat.Short(device.ReservationId)} of client {device.ClientId} by:",
        "reboot" when device.ReservationId is not null =>
            $"Reboot board {device.Serial}? It is flashed again; client {device.ClientId} keeps the reservation but loses the evaluation in progress.",
        "forget" => $"Forget board {device.Serial}? Its worker drops it and discovers it again from scratch"
            + (device.ReservationId is null ? "." : $"; client {device.ClientId} loses it."),
        "board-maintenance" when device.Hold?.Hold != nameof(DeviceHold.Maintenance) =>
            $"Take board {device.Serial} out of service for maintenance? It is not allocated again until it is returned to service" + KeptBy(device),
        "retire" when device.Hold?.Hold != nameof(DeviceHold.Retired) =>
            $"Retire board {device.Serial}? It is never allocated again and no longer counts as the farm's capacity, until it is returned to service" + KeptBy(device),
        "board-return" when device.Hold is { } hold =>
            $"Return board {device.Serial} to service? It may be allocated again once its worker reports it Available"
            + (hold.Hold == nameof(DeviceHold.FailedHealthChecks) ? "; its failed health checks are forgiven." : "."),
        _ => null,
    };

    /// <summary>Board actions that the dialog and the confirmation page ask a reason for (kept in the board's history).</summary>
    public static bool AsksReason(string action) => action is "maintenance" or "board-maintenance" or "retire" or "board-return";

    private static string KeptBy(DeviceInfo device) =>
        device.ReservationId is null ? "." : $"; client {device.ClientId} keeps it until its reservation {PanelFormat.Short(device.ReservationId)} ends.";

    public static string? ForClient(string action, string clientId, int active) => action switch
    {
        "end-client" when active > 0 =>
            $"End all {active} reservation{(active == 1 ? "" : "s")} of client {clientId}? Their boards are released and the client's programs lose them now.",
        "extend-client" when active > 0 => $"Extend all {active} reservation{(active == 1 ? "" : "s")} of client {clientId} by:",
        _ => null,
    };

    public static string ForDrain(string worker) =>
        $"Drain worker {worker}? No new reservation lands on it, its clients are told, and leases still on it are ended at the deadline.";

    public static string ForMaintenance(string worker) =>
        $"Take worker {worker} out of service? No new reservation lands on it, also after it restarts, until it is returned to service; its leases are drained by the deadline.";

    public static string ForReturn(string worker) =>
        $"Return worker {worker} to service? It takes new reservations at once; a drain still running on it is cancelled and its leases stay.";

    /// <summary>The value a button submits without script: the action and its target, read back by the confirmation page.</summary>
    public static string Value(string action, string target) => $"{action}:{target}";

    public static (string Action, string Target)? Parse(string? value) =>
        value?.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && colon < value.Length - 1
            ? (value[..colon], value[(colon + 1)..])
            : null;
}
