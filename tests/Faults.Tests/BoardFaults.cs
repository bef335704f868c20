using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;

namespace IceFarm.Faults.Tests;

/// <summary>The worker's fault-injection endpoint (<c>/faults/boards</c> on its health port), as an operator's drill would call it.</summary>
internal static class BoardFaults
{
    /// <summary>Arms <paramref name="fault"/> once on a board that is serving the run right now.</summary>
    public static async Task InjectAsync(ProcessFarm farm, string fault, CancellationToken ct)
    {
        var devices = await farm.Admin.GetFromJsonAsync<DeviceInfo[]>("api/admin/devices", ct);
        var serial = devices!.First(d => d.Worker == farm.WorkerName && d.ReservationId is not null).Serial;
        using var http = Client(farm);
        using var response = await http.PostAsJsonAsync($"faults/boards/{serial}", new { fault, times = 1 }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many times <paramref name="fault"/> fired on the worker's boards, as the endpoint reports it.</summary>
    public static async Task<int> FiredAsync(ProcessFarm farm, string fault, CancellationToken ct)
    {
        using var http = Client(farm);
        var boards = await http.GetFromJsonAsync<BoardFaultState[]>("faults/boards", ct);
        return boards!.Sum(b => b.Fired.Count(f => f == fault));
    }

    private static HttpClient Client(ProcessFarm farm)
    {
        var http = new HttpClient { BaseAddress = farm.WorkerUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", farm.FaultToken);
        return http;
    }
}
