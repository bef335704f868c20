using IceFarm.ReservationService.ClientEvents;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests.Replicas;

/// <summary>Replicas that read a resumed stream's history from the store ten events at a time.</summary>
public sealed class PagedReplayHost : ReservationServiceHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?> { ["ClientEvents:ReplayPage"] = "10" };
}

/// <summary>A resume from an old id on a replica that never held the events: read in pages, nothing lost, nothing repeated.</summary>
public sealed class When_a_stream_resumes_from_an_old_id(PagedReplayHost service) : IClassFixture<PagedReplayHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task Every_event_after_it_arrives_once_in_order_across_page_boundaries()
    {
        await using var replica = await service.StartReplicaAsync();
        var (http, clientId) = await service.NewClientAsync("pager");
        var token = http.DefaultRequestHeaders.Authorization!.Parameter!;
        http.Dispose();
        var hub = service.Services.GetRequiredService<ClientEventHub>();
        for (var i = 1; i <= 35; i++)
        {
            await hub.PublishAsync(clientId, "note", new { n = i }, CancellationToken.None).WaitAsync(Deadline);
        }

        using var onB = ReplicaStreams.Connect(replica.BaseAddress, token);
        await using var stream = await onB.OpenEventsAsync(3).WaitAsync(Deadline);
        using var cts = new CancellationTokenSource(Deadline);
        var seen = new List<long>();
        await foreach (var item in stream.ReadAllAsync(cts.Token))
        {
            seen.Add(item.Id);
            Assert.Equal(item.Id - 3, item.Data.GetProperty("n").GetInt32() - 3);
            if (seen.Count == 32)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(4, 32).Select(i => (long)i), seen);
    }
}
