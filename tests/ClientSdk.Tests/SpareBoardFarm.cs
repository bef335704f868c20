using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace IceFarm.Client.Tests;

/// <summary>
/// Three boards (a run takes two, one is spare) with the worker's run-time fault injection on, and short flash deadlines so
/// that a board whose firmware hangs and ignores the touch is Broken within seconds, not a minute.
/// </summary>
public sealed class SpareBoardFarm() : ClientFarm(3, new Dictionary<string, string?>
{
    ["Worker:FaultInjectionToken"] = Token,
    ["Boards:FlashDeadline"] = "00:00:05",
    ["Boards:FlashAttempts"] = "1",
})
{
    private const string Token = "spare-board-farm-fault-token";

    /// <summary>Arms <paramref name="fault"/> on <paramref name="serial"/> through <c>POST /faults/boards/{serial}</c>, as a drill would.</summary>
    public async Task InjectAsync(string serial, string fault, bool always)
    {
        using var http = new HttpClient { BaseAddress = WorkerUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await http.PostAsJsonAsync($"faults/boards/{serial}", new { fault, times = 1, always });
        response.EnsureSuccessStatusCode();
    }
}
