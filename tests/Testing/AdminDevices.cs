using System.Net.Http.Json;
using IceFarm.Contracts.Http;

namespace IceFarm.Testing;

/// <summary>The boards of a running farm as an operator sees them through the admin API.</summary>
public static class AdminDevices
{
    /// <summary>
    /// Waits until <c>api/admin/devices</c> shows at least <paramref name="count"/> boards that are available and not
    /// reserved, and returns every board it showed then; workers announce their boards only after flashing and self-testing them.
    /// </summary>
    public static Task<DeviceInfo[]> WaitForAvailableAsync(HttpClient admin, int count, TimeSpan timeout) =>
        Eventually.WaitForAsync(async ct =>
        {
            var devices = await admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct);
            return devices!.Count(d => d.State == "Available" && d.ReservationId is null && d.Hold is null) >= count ? devices : null;
        }, timeout, $"{count} available boards");
}
