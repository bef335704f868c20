using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests;

/// <summary>An operator sets a client's quotas and priority, the service enforces them, and the queue is visible.</summary>
public sealed class When_an_admin_sets_a_clients_quota(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 120_000)]
    public async Task The_service_enforces_it_and_bad_values_change_nothing()
    {
        var serials = await host.AnnounceWorkerAsync("quota-w1", 3);
        var (clientId, client) = await host.NewClientAsync("quota-client");
        using (client)
        {
            using (var bad = await host.Admin.PutAsJsonAsync($"api/admin/clients/{clientId}/quota", new SetClientQuotaRequest(MaxBoards: 0)).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Contains("maxBoards", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var unknown = await host.Admin.PutAsJsonAsync("api/admin/clients/nobody-000000/quota", new SetClientQuotaRequest(MaxBoards: 1)).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            }

            var before = (await host.Admin.GetFromJsonAsync<ClientUsage>($"api/admin/clients/{clientId}/quota").WaitAsync(AdminApiHost.Deadline))!;
            Assert.NotEqual(1, before.Quota.MaxBoards);

            using (var set = await host.Admin.PutAsJsonAsync($"api/admin/clients/{clientId}/quota", new SetClientQuotaRequest(MaxBoards: 1, Priority: 10)).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
                var usage = (await set.Content.ReadFromJsonAsync<ClientUsage>())!;
                Assert.Equal((1, 10, before.Quota.MaxReservations), (usage.Quota.MaxBoards, usage.Quota.Priority, usage.Quota.MaxReservations));
            }

            using (var refused = await client.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("pulsecount", Serials: serials[..2])).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
                Assert.Contains("max-boards", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            await AdminApiHost.ReserveAsync(client, serials[0]);
            var after = (await client.GetFromJsonAsync<ClientUsage>("api/v1/usage").WaitAsync(AdminApiHost.Deadline))!;
            Assert.Equal((1, 1), (after.BoardsHeld, after.Quota.MaxBoards));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task The_queue_lists_waiting_requests_in_order()
    {
        var serials = await host.AnnounceWorkerAsync("quota-w2", 1, kind: "variance");
        var (_, holder) = await host.NewClientAsync("queue-holder");
        var (waiterId, waiter) = await host.NewClientAsync("queue-waiter");
        using (holder)
        using (waiter)
        {
            using (var held = await holder.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Serials: serials)).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.Created, held.StatusCode);
            }

            using var gone = new CancellationTokenSource();
            var waits = waiter.PostAsJsonAsync("api/v1/reservations", new ReserveRequest("variance", Amount: 1, Wait: "PT2M"), gone.Token);
            var line = await Eventually.WaitForAsync(async ct =>
            {
                var all = await host.Admin.GetFromJsonAsync<QueuedRequestInfo[]>("api/admin/queue", ct);
                return all!.Any(r => r.ClientId == waiterId) ? all : null;
            }, AdminApiHost.Deadline, "the waiting request in the admin queue");
            var mine = Assert.Single(line, r => r.ClientId == waiterId);
            Assert.Equal((1, "variance", 1), (mine.Amount, mine.Kind, mine.Position));
            await gone.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waits);
        }
    }
}
