using IceFarm.Contracts.Devices;
using IceFarm.Contracts.Workers;
using IceFarm.FarmData.Devices;
using IceFarm.FarmData.Reservations;
using IceFarm.FarmData.Store;
using IceFarm.ReservationService.Reservations;
using Marten;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.Workers;

/// <summary>
/// Compares the boards a heartbeat reports with the store and decides which lost commands to send again
/// (ARCHITECTURE.md §11). A disagreement is acted on only once the service's view of the board has been still for
/// <see cref="ReconciliationOptions.ResendAfter"/>, and a re-sent command is not repeated within that time either, so a
/// command still in flight is not duplicated. The worker treats both commands idempotently, so a duplicate is harmless.
/// </summary>
internal sealed class HeartbeatReconciler(
    WorkerCommands workers, ReconciliationMetrics metrics, IOptions<ReconciliationOptions> options, ILogger<HeartbeatReconciler> logger)
{
    public const string Prepare = "prepare";
    public const string Release = "release";

    /// <summary>Finds the commands to re-send and records them in <paramref name="session"/> (committed by the caller).</summary>
    public async Task<IReadOnlyList<BoardCommandResend>> PlanAsync(
        IDocumentSession session, WorkerHeartbeat beat, IReadOnlyDictionary<string, DeviceView> known,
        IReadOnlyDictionary<string, BoardHolder> holders, DateTimeOffset now, CancellationToken ct)
    {
        var grace = options.Value.ResendAfter;
        var releases = new List<DeviceSummary>();
        var idle = new List<(DeviceView Device, BoardHolder Holder)>();
        var serving = new List<(DeviceView Device, BoardHolder Holder)>();
        foreach (var device in beat.Devices)
        {
            known.TryGetValue(device.Serial, out var current);
            var holder = holders.GetValueOrDefault(device.Serial);
            if (current is not null && (now - current.UpdatedAt < grace || now - holder?.Since < grace))
            {
                continue; // the board or its holder just changed: a command for it may still be on its way
            }

            if (device.ReservationId is { } served && holder?.ReservationId != served && !IsReturningToDefault(device.State))
            {
                releases.Add(device);
            }
            else if (device is { ReservationId: null, State: DeviceState.Available } && current is not null && holder is not null)
            {
                idle.Add((current, holder));
            }
            else if (device.State == DeviceState.Serving && current is not null && holder is not null && device.ReservationId == holder.ReservationId)
            {
                serving.Add((current, holder)); // agrees, unless the reservation never heard that the board is ready
            }
        }

        if (releases.Count == 0 && idle.Count == 0 && serving.Count == 0)
        {
            return [];
        }

        var planned = new List<BoardCommandResend>(releases.Count + idle.Count);
        planned.AddRange(await ReleasesAsync(session, releases, now, grace, ct));
        planned.AddRange(await PreparesAsync(session, beat.Worker, idle, serving, ct));
        if (planned.Count == 0)
        {
            return [];
        }

        var last = (await session.LoadManyAsync<BoardResend>(ct, planned.Select(p => p.Serial).Distinct(StringComparer.Ordinal)))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var due = new List<BoardCommandResend>(planned.Count);
        foreach (var resend in planned)
        {
            var previous = last.GetValueOrDefault(resend.Serial);
            var same = previous is not null && previous.Command == resend.Command && previous.ReservationId == resend.ReservationId;
            if (same && now - previous!.At < grace)
            {
                continue; // sent again recently; give the worker time to act on it
            }

            session.Store(new BoardResend
            {
                Id = resend.Serial, Command = resend.Command, ReservationId = resend.ReservationId, Reason = resend.Reason, At = now,
                Count = same ? previous!.Count + 1 : 1,
            });
            due.Add(resend);
        }

        return due;
    }

    /// <summary>Sends the planned commands; a failure is logged and the next heartbeat plans the command again.</summary>
    public async Task SendAsync(string worker, IReadOnlyList<BoardCommandResend> due, CancellationToken ct)
    {
        foreach (var resend in due)
        {
            try
            {
                await (resend.Message switch
                {
                    PrepareDevice prepare => workers.SendAsync(worker, prepare, ct),
                    ReleaseDevice release => workers.SendAsync(worker, release, ct),
                    _ => throw new InvalidOperationException($"Reconciliation cannot send {resend.Message.GetType().Name}."),
                });
                metrics.Resent(resend.Command, resend.Cause);
                logger.LogWarning("Reconciliation re-sent {Command} for board {Serial} (reservation {ReservationId}) to {Worker}: {Reason}",
                    resend.Command, resend.Serial, resend.ReservationId, worker, resend.Reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not re-send {Command} for board {Serial} to {Worker}; the next heartbeat tries again",
                    resend.Command, resend.Serial, worker);
            }
        }
    }

    /// <summary>
    /// Boards the worker reports serving a reservation that no longer holds them, once the release is older than
    /// <paramref name="grace"/> (its ReleaseDevice may still be on its way).
    /// </summary>
    private static async Task<IEnumerable<BoardCommandResend>> ReleasesAsync(
        IDocumentSession session, List<DeviceSummary> releases, DateTimeOffset now, TimeSpan grace, CancellationToken ct)
    {
        if (releases.Count == 0)
        {
            return [];
        }

        var ids = releases.Select(d => StreamIds.Reservation(d.ReservationId!.Value)).Distinct().ToArray();
        var reservations = (await session.LoadManyAsync<ReservationView>(ct, ids)).ToDictionary(r => r.ReservationId);
        DateTimeOffset? ReleasedAt(DeviceSummary d) =>
            reservations.GetValueOrDefault(d.ReservationId!.Value)?.Devices.FindLast(b => b.Serial == d.Serial)?.ReleasedAt;

        return releases.Where(d => !(now - ReleasedAt(d) < grace)).Select(d => new BoardCommandResend(Release, "release-lost",
            $"board {d.Serial} still serves reservation {d.ReservationId}, which no longer holds it", d.Serial, d.ReservationId!.Value,
            new ReleaseDevice(d.ReservationId!.Value, d.Serial, "reservation no longer holds the board"))).ToList();
    }

    /// <summary>
    /// Boards granted to an active reservation that the worker reports idle (their PrepareDevice was lost, or the worker
    /// restarted), and boards it reports serving the reservation while the reservation still waits for them to be ready
    /// (their DeviceInitialized was lost: the worker answers a repeated PrepareDevice with DeviceInitialized again).
    /// </summary>
    private static async Task<IEnumerable<BoardCommandResend>> PreparesAsync(
        IDocumentSession session, string worker, List<(DeviceView Device, BoardHolder Holder)> idle,
        List<(DeviceView Device, BoardHolder Holder)> serving, CancellationToken ct)
    {
        if (idle.Count == 0 && serving.Count == 0)
        {
            return [];
        }

        var ids = idle.Concat(serving).Select(d => StreamIds.Reservation(d.Holder.ReservationId)).Distinct().ToArray();
        var reservations = (await session.LoadManyAsync<ReservationView>(ct, ids)).ToDictionary(r => r.ReservationId);
        ReservationDeviceState? StateIn(BoardHolder holder) =>
            reservations.GetValueOrDefault(holder.ReservationId) is { Active: true } r ? r.Devices.FindLast(d => d.Serial == holder.Id)?.State : null;

        var lost = idle.Where(d => StateIn(d.Holder) is { } state && state != ReservationDeviceState.Released)
            .Select(d => (d.Device, d.Holder, Cause: "prepare-lost",
                Reason: $"board {d.Device.Serial} is idle on {worker} but granted to reservation {d.Holder.ReservationId} since {d.Holder.Since:O}"));
        var unready = serving.Where(d => StateIn(d.Holder) == ReservationDeviceState.Preparing)
            .Select(d => (d.Device, d.Holder, Cause: "ready-lost",
                Reason: $"board {d.Device.Serial} serves reservation {d.Holder.ReservationId} on {worker}, which never heard it was ready"));
        return lost.Concat(unready).Select(x =>
        {
            var reservation = reservations[x.Holder.ReservationId];
            return new BoardCommandResend(Prepare, x.Cause, x.Reason, x.Device.Serial, reservation.ReservationId,
                new PrepareDevice(reservation.ReservationId, reservation.ClientId, x.Device.Serial, reservation.Kind, reservation.Args));
        }).ToList();
    }

    /// <summary>Releasing, flashing the default firmware or self-testing: the board is already leaving its reservation.</summary>
    private static bool IsReturningToDefault(DeviceState state) => state is DeviceState.Releasing or DeviceState.FlashingDefault or DeviceState.SelfTest;
}
