using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using Xunit;

namespace IceFarm.ReservationService.Tests;

public sealed class When_clients_wait_for_boards(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Waiters_are_served_in_arrival_order_as_boards_free_up_and_a_wait_that_runs_out_gets_409()
    {
        await service.AnnounceWorkerAsync("queue-worker", 1, kind: "variance");
        var (holder, _) = await service.NewClientAsync("holder");
        var (first, _) = await service.NewClientAsync("first");
        var (second, _) = await service.NewClientAsync("second");
        using (holder)
        using (first)
        using (second)
        {
            var held = await ReserveAsync(holder, null);
            var firstInLine = ReserveAsync(first, "PT45S");
            await Queue.QueueCalls.InLineAsync(first, position: 1, waiting: 1);
            var secondInLine = ReserveAsync(second, "PT45S");
            await Queue.QueueCalls.InLineAsync(second, position: 2, waiting: 2);

            await EndAsync(holder, held!.Id);
            var firstGrant = await firstInLine.WaitAsync(Deadline);
            Assert.NotNull(firstGrant);
            Assert.False(secondInLine.IsCompleted);

            await EndAsync(first, firstGrant.Id);
            var secondGrant = await secondInLine.WaitAsync(Deadline);
            Assert.Equal(held.Devices.Single().Serial, secondGrant!.Devices.Single().Serial);

            using var late = await holder.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, Wait: "PT1S")).WaitAsync(Deadline);
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Empty(await Queue.QueueCalls.MineAsync(holder));
        }
    }

    private static async Task<ReservationResponse?> ReserveAsync(HttpClient http, string? wait)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, Wait: wait)).WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<ReservationResponse>();
    }

    private static async Task EndAsync(HttpClient http, Guid id)
    {
        using var response = await http.DeleteAsync($"api/v1/reservations/{id}").WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
