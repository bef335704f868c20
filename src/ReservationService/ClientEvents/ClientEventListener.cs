using IceFarm.ReservationService.Hosting;
using IceFarm.ServiceDefaults;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Wakes this replica's event streams when another replica stores events for their clients: PostgreSQL LISTEN/NOTIFY on
/// a connection of its own (the writer notifies once the events are committed, so a notification never announces an
/// event that is not; it only wakes the streams, which read the events from the store), and a periodic poll of the streams for a notification lost while the
/// connection was down. The same connection carries <see cref="Reservations.BoardsFreedSignal"/>'s notifications.
/// </summary>
internal sealed class ClientEventListener(
    OwnConnections connections, ClientEventHub hub, Reservations.BoardsFreedSignal boardsFreed, TimeProvider time,
    IOptions<ClientEventOptions> options, ILogger<ClientEventListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan LostConnectionPause = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = PeriodicCheck.RunAsync(options.Value.CrossReplicaPollInterval, time, hub.PollAsync, logger, "Client event poll", stoppingToken);
        return options.Value.ListenForOtherReplicas ? Task.WhenAll(ListenAsync(stoppingToken), poll) : poll;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Set while nobody listened (after a failed attempt or a lost connection): the next connection polls for what was missed.
        var missed = false;
        var reconnect = new RetryUntilStopped(failure =>
        {
            missed = true;
            logger.LogError(failure.Error, "Listening for other replicas' client events failed ({Failures} in a row); retrying in {Delay}", failure.InARow, failure.NextAttemptIn);
        })
        {
            BackoffType = DelayBackoffType.Exponential,
            Delay = LostConnectionPause,
            MaxDelay = TimeSpan.FromSeconds(30),
        }.Build(time);
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var connection = await reconnect.ExecuteAsync(async ct => await OpenListeningAsync(missed, ct), stoppingToken);
            missed = false;
            try
            {
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A pause before connecting again, as the first back-off step: a server that accepts connections and drops
                // them at once must not get a tight loop of reconnects. Should connecting fail, the retry backs off further.
                missed = true;
                logger.LogError(ex, "Listening for other replicas' client events lost its connection; reconnecting in {Delay}", LostConnectionPause);
                await Task.Delay(LostConnectionPause, time, stoppingToken);
            }
        }
    }

    /// <summary>A connection of its own, listening; <paramref name="again"/> after a lost one, whose missed events it polls for.</summary>
    private async Task<NpgsqlConnection> OpenListeningAsync(bool again, CancellationToken ct)
    {
        var connection = await connections.DataSource.OpenConnectionAsync(ct);
        try
        {
            connection.Notification += (_, e) =>
            {
                if (e.Channel == Reservations.BoardsFreedSignal.Channel)
                {
                    boardsFreed.OnNotification(e.Payload);
                }
                else
                {
                    hub.OnNotification(e.Payload);
                }
            };
            await using (var listen = new NpgsqlCommand($"LISTEN {ClientFeedStore.Channel}; LISTEN {Reservations.BoardsFreedSignal.Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(ct);
            }

            if (again)
            {
                logger.LogInformation("Listening for other replicas' client events again");
                // What was stored while nobody listened is found in the store.
                await hub.PollAsync(ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
