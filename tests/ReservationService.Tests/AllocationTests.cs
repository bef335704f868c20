using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_many_clients_reserve_at_once(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task No_board_is_granted_twice_and_nobody_is_refused_while_boards_are_free()
    {
        const int boards = 6;
        await service.AnnounceWorkerAsync("alloc-worker", boards);
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => service.NewClientAsync($"racer{i}")));

        var answers = await Task.WhenAll(clients.Select(async c =>
        {
            using var response = await c.Http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Amount: 1));
            return (response.StatusCode, Body: response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReservationResponse>() : null);
        })).WaitAsync(Deadline);

        var granted = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Body!).ToList();
        Assert.Equal(boards, granted.Count);
        Assert.Equal(boards, granted.SelectMany(r => r.Devices).Select(d => d.Serial).Distinct().Count());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var left = await clients[0].Http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=pulsecount").WaitAsync(Deadline);
        Assert.Equal(0, left!.Available);
        foreach (var (http, _) in clients)
        {
            http.Dispose();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_request_for_more_boards_than_free_gets_not_enough_devices_and_takes_nothing()
    {
        await service.AnnounceWorkerAsync("scarce-worker", 2, kind: "variance");
        var (holder, _) = await service.NewClientAsync("holder");
        var (http, _) = await service.NewClientAsync("greedy");
        using (holder)
        using (http)
        {
            // The farm has two, one is held: two are possible but not free (three would be impossible: 422, Queue tests).
            using (var held = await holder.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1)).WaitAsync(Deadline))
            {
                Assert.Equal(HttpStatusCode.Created, held.StatusCode);
            }

            using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 2)).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.EndsWith("/not-enough-devices", problem.GetProperty("type").GetString());

            var availability = await http.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=variance").WaitAsync(Deadline);
            Assert.Equal(1, availability!.Available);
        }
    }
}
