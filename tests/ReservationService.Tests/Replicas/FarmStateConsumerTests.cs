using System.Text.Json;
using IceFarm.ReservationService.Hosting;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>
/// Heartbeats and board state changes are applied in the order each worker sent them, across replicas: only one
/// replica consumes the farm-state queue at a time (RabbitMQ's single active consumer), and another takes over when it
/// goes away.
/// </summary>
public sealed class When_two_replicas_share_the_farm_state_queue(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task One_consumes_at_a_time_and_the_other_takes_over_when_it_stops()
    {
        var replica = await service.StartReplicaAsync();
        try
        {
            var queue = await QueueWhenAsync(q => Statuses(q).Count == 2, "both replicas' consumers on the farm-state queue");
            Assert.True(queue.GetProperty("arguments").GetProperty("x-single-active-consumer").GetBoolean());
            Assert.Equal(["single_active", "waiting"], Statuses(queue).Order(StringComparer.Ordinal));
        }
        finally
        {
            await replica.DisposeAsync();
        }

        // Whichever was active, the one left is active now and applies what the workers send.
        await QueueWhenAsync(q => Statuses(q) is ["single_active"], "the remaining consumer to be the active one");
        await service.AnnounceWorkerAsync($"after-takeover-{Guid.NewGuid():N}"[..24], 1);
    }

    private async Task<JsonElement> QueueWhenAsync(Func<JsonElement, bool> condition, string what) =>
        (await Eventually.WaitForAsync(
            async ct => await service.Vhost.QueueAsync(BusSetup.FarmStateQueue, ct) is var queue && condition(queue) ? new Seen(queue) : null,
            Deadline, what)).Queue;

    /// <summary>The activity of each consumer, as the management API reports it (refreshed every few seconds).</summary>
    private static List<string> Statuses(JsonElement queue) =>
        queue.TryGetProperty("consumer_details", out var consumers)
            ? [.. consumers.EnumerateArray().Select(c => c.GetProperty("activity_status").GetString()!)]
            : [];

    private sealed record Seen(JsonElement Queue);
}
