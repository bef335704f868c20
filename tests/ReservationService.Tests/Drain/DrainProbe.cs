using IceFarm.Client.Events;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Drain;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Drain;
using IceFarm.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IceFarm.ReservationService.Tests.Drain;

/// <summary>What the drain tests do to a running service and read back from it.</summary>
internal static class DrainProbe
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Sends <c>DrainWorker</c> to the admin queue, as the AdminApi and the worker do.</summary>
    public static async Task SendDrainAsync(IServiceProvider services, string worker, DateTimeOffset deadline, string by = "test-admin")
    {
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(AdminQueues.ReservationServiceAddress).WaitAsync(Deadline);
        await endpoint.Send(new DrainWorker(worker, deadline, by)).WaitAsync(Deadline);
    }

    public static Task<DrainView> WaitForDrainAsync(IServiceProvider services, string worker, string state) =>
        Eventually.WaitForAsync(async ct => await LoadAsync<DrainView>(services, StreamIds.Worker(worker), ct) is { } view && view.State == state ? view : null,
            Deadline, $"drain of {worker} {state}");

    public static async Task<T?> LoadAsync<T>(IServiceProvider services, string id, CancellationToken ct = default)
        where T : class
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id, ct);
    }

    /// <summary>The saga instance; null once the drain finished (finalized instances are deleted).</summary>
    public static async Task<DrainState?> LoadSagaAsync(IServiceProvider services, string worker)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<DrainState>(DrainIds.For(worker)).WaitAsync(Deadline);
    }

    /// <summary>
    /// A finished drain's saga row is deleted after the consume that finished it, a moment after the drain's end is
    /// visible in the worker's view: wait for it with the deadline.
    /// </summary>
    public static Task WaitForSagaRemovedAsync(IServiceProvider services, string worker) =>
        Eventually.WaitForAsync(async _ => await LoadSagaAsync(services, worker) is null ? worker : null, Deadline, $"the drain saga of {worker} removed");

    public static async Task<IReadOnlyList<object>> WorkerEventsAsync(IServiceProvider services, string worker)
    {
        await using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(StreamIds.Worker(worker)).WaitAsync(Deadline);
        return [.. events.Select(e => e.Data)];
    }

    public static async Task<FarmEvent> NextAsync(IAsyncEnumerator<FarmEvent> stream, string type)
    {
        while (await stream.MoveNextAsync().AsTask().WaitAsync(Deadline))
        {
            if (stream.Current.Type == type)
            {
                return stream.Current;
            }
        }

        throw new InvalidOperationException($"The event stream ended before a {type} event.");
    }
}
