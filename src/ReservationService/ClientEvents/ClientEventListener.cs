using IceFarm.ReservationService.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Wakes this replica's event streams when another replica stores events for their clients: PostgreSQL LISTEN/NOTIFY on
/// a connection of its own (the writer notifies in the transaction that stores the events, so a notification never
/// announces an event that is not committed), and a periodic poll of the counters for a notification lost while the
/// connection was down. The same connection carries <see cref="Reservations.BoardsFreedSignal"/>'s notifications.
/// </summary>
internal sealed class ClientEventListener(
    ClientEventDatabase database, ClientEventHub hub, Reservations.BoardsFreedSignal boardsFreed, TimeProvider time,
    IOptions<ClientEventOptions> options, ILogger<ClientEventListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = PeriodicCheck.RunAsync(options.Value.CrossReplicaPollInterval, time, hub.PollAsync, logger, "Client event poll", stoppingToken);
        return options.Value.ListenForOtherReplicas ? Task.WhenAll(ListenAsync(stoppingToken), poll) : poll;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken);
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
                await using (var listen = new NpgsqlCommand($"LISTEN {ClientEventDatabase.Channel}; LISTEN {Reservations.BoardsFreedSignal.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (failures > 0)
                {
                    logger.LogInformation("Listening for other replicas' client events again");
                    // What was stored while nobody listened is found by the store's counters.
                    await hub.PollAsync(stoppingToken);
                }

                failures = 0;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(ex, "Listening for other replicas' client events failed ({Failures} in a row); retrying in {Delay}", failures, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }
}
