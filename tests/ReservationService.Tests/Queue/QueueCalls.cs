using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Queue;

/// <summary>The client calls the queue tests make, each with a deadline.</summary>
internal static class QueueCalls
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<HttpResponseMessage> ReserveAsync(HttpClient http, int amount, string? wait, string kind = "pulsecount", CancellationToken ct = default) =>
        await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest(kind, Amount: amount, Wait: wait), ct).WaitAsync(Deadline, ct);

    public static async Task<ReservationResponse> GrantedAsync(Task<HttpResponseMessage> reserve)
    {
        using var response = await reserve.WaitAsync(Deadline);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReservationResponse>())!;
    }

    public static async Task EndAsync(HttpClient http, Guid id)
    {
        using var response = await http.DeleteAsync($"api/v1/reservations/{id}").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static async Task<QueuedRequestInfo[]> MineAsync(HttpClient http, CancellationToken ct = default) =>
        (await http.GetFromJsonAsync<QueuedRequestInfo[]>("api/v1/queue", ct))!;

    /// <summary>Waits until the client's one waiting request is at <paramref name="position"/> of <paramref name="waiting"/>.</summary>
    public static Task<QueuedRequestInfo> InLineAsync(HttpClient http, int position, int waiting) =>
        Eventually.WaitForAsync(async ct => (await MineAsync(http, ct)).SingleOrDefault(r => r.Position == position && r.Waiting == waiting),
            Deadline, $"a waiting request at {position} of {waiting}");
}
