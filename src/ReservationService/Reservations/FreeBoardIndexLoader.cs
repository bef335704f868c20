using System.Threading.Channels;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Workers;
using IceFarm.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Options;
using Polly;

namespace IceFarm.ReservationService.Reservations;

/// <summary>
/// Loads the <see cref="FreeBoardIndex"/> from the projections at start, then again every
/// <see cref="ReservationOptions.IndexReload"/> (other replicas' commits are not observed otherwise) and whenever a
/// grant found the index stale. A reload reads four fields per board and two per held board, not the documents.
/// </summary>
internal sealed class FreeBoardIndexLoader(
    IDocumentStore store, FreeBoardIndex index, TimeProvider time, IOptions<ReservationOptions> options, ILogger<FreeBoardIndexLoader> logger)
    : BackgroundService
{
    // Under another replica's steady grants every stale hit asks for a reload; a farm-wide read a second is enough.
    private static readonly TimeSpan OnDemandGap = TimeSpan.FromSeconds(1);
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The index missed something: reload soon (requests coalesce).</summary>
    public void RequestReload() => _requests.Writer.TryWrite(true);

    internal async Task ReloadAsync(CancellationToken ct)
    {
        var since = index.Sequence;
        await using var session = store.QuerySession();
        var workers = await session.Query<WorkerView>().ToListAsync(ct);
        var rows = await session.Query<DeviceView>()
            .Select(d => new { d.Serial, d.Worker, d.State, d.Hold })
            .ToListAsync(ct);
        var holders = await session.Query<BoardHolder>().Select(h => new { h.Id, h.ReservationId }).ToListAsync(ct);
        var devices = rows.Select(r => new DeviceView { Serial = r.Serial, Worker = r.Worker, State = r.State, Hold = r.Hold });
        index.Refresh(devices, holders.ToDictionary(h => h.Id, h => h.ReservationId, StringComparer.Ordinal), workers, since, complete: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IndexReload, time);
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        // Grants keep working while the index fails to load: they fall back to querying the projection.
        var reload = new RetryUntilStopped(failure =>
            logger.LogError(failure.Error, "Loading the free-board index failed ({Failures} in a row); retrying", failure.InARow))
        {
            BackoffType = DelayBackoffType.Linear,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
        }.Build(time);
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            await reload.ExecuteAsync(async ct => await ReloadAsync(ct), stoppingToken);
            var request = _requests.Reader.WaitToReadAsync(stoppingToken).AsTask();
            if (await Task.WhenAny(request, tick) == tick)
            {
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            else if (OnDemandGap - time.GetElapsedTime(started) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            _requests.Reader.TryRead(out _);
        }
    }
}
