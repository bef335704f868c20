using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.FarmData.Clients;
using IceFarm.FarmData.Quotas;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static IceFarm.ReservationService.Tests.Queue.QueueCalls;

namespace IceFarm.ReservationService.Tests.Quotas;

/// <summary>Each quota refuses with 429 naming it and changes nothing; a client's priority orders the queue.</summary>
public sealed class When_a_client_reaches_its_quotas(QuotaHost service) : IClassFixture<QuotaHost>
{
    [Fact(Timeout = 120_000)]
    public async Task Boards_reservations_and_waiting_requests_are_refused_by_name()
    {
        await service.AnnounceWorkerAsync("quota-worker", 6, kind: "variance");
        var (client, _) = await service.NewClientAsync("quota-user");
        using (client)
        {
            await RefusedAsync(client, 3, null, "max-boards");
            var first = await GrantedAsync(Reserve(client, 1, "PT30M"));
            await GrantedAsync(Reserve(client, 1, "PT30M"));
            await RefusedAsync(client, 1, null, "max-boards");

            await EndAsync(client, first.Id);
            var usage = (await client.GetFromJsonAsync<ClientUsage>("api/v1/usage"))!;
            Assert.Equal((1, 1, 2), (usage.BoardsHeld, usage.Reservations, usage.Quota.MaxBoards));
            Assert.Equal(5, (await client.GetFromJsonAsync<AvailabilityResponse>("api/v1/availability?kind=variance"))!.Available);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Board_hours_per_day_count_what_is_held_and_an_early_end_gives_them_back()
    {
        await service.AnnounceWorkerAsync("hours-worker", 2, kind: "variance");
        var (client, _) = await service.NewClientAsync("hours-user");
        using (client)
        {
            var twoHours = await GrantedAsync(Reserve(client, 1, "PT2H"));
            await RefusedAsync(client, 1, "PT2H", "max-board-hours-per-day");
            await EndAsync(client, twoHours.Id);
            await GrantedAsync(Reserve(client, 1, "PT2H"));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task A_higher_priority_is_served_first_and_a_second_waiting_request_is_refused()
    {
        await service.AnnounceWorkerAsync("priority-worker", 1);
        var (holder, _) = await service.NewClientAsync("holder");
        var (low, _) = await service.NewClientAsync("low");
        var (high, highId) = await service.NewClientAsync("high");
        await SetPriorityAsync(highId, 10);
        using (holder)
        using (low)
        using (high)
        {
            var held = await GrantedAsync(ReserveAsync(holder, 1, null));
            var lowWaits = ReserveAsync(low, 1, "PT2M");
            await InLineAsync(low, position: 1, waiting: 1);
            var highWaits = ReserveAsync(high, 1, "PT2M");
            await InLineAsync(high, position: 1, waiting: 2);
            using (var second = await ReserveAsync(high, 1, "PT2M"))
            {
                await AssertQuotaAsync(second, "max-waiting");
            }

            await EndAsync(holder, held.Id);
            Assert.Single((await GrantedAsync(highWaits)).Devices);
            Assert.False(lowWaits.IsCompleted);
            await InLineAsync(low, position: 1, waiting: 1);
        }
    }

    private static Task<HttpResponseMessage> Reserve(HttpClient http, int amount, string duration) =>
        http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: amount, Duration: duration)).WaitAsync(Deadline);

    private static async Task RefusedAsync(HttpClient http, int amount, string? duration, string quota)
    {
        using var response = await http.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: amount, Duration: duration)).WaitAsync(Deadline);
        await AssertQuotaAsync(response, quota);
    }

    private static async Task AssertQuotaAsync(HttpResponseMessage response, string quota)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(ProblemTypes.QuotaExceeded, problem.GetProperty("type").GetString());
        Assert.Equal(quota, problem.GetProperty("quota").GetString());
    }

    private async Task SetPriorityAsync(string clientId, int priority)
    {
        // What PUT /api/admin/clients/{id}/quota stores (its own test is in AdminApi.Tests).
        await using var session = service.Services.GetRequiredService<IDocumentStore>().LightweightSession();
        var account = (await session.LoadAsync<ClientAccount>(clientId))!;
        account.Quota = new ClientQuota { Priority = priority, SetBy = "test" };
        session.Store(account);
        await session.SaveChangesAsync();
    }
}
