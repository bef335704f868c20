using IceFarm.FarmData.Store;
using MassTransit;

namespace IceFarm.ReservationService.Hosting;

/// <summary>
/// Consumers ride out a PostgreSQL restart: a message whose handling failed because the database was unreachable is
/// retried in place with back-off for about a minute and a half, long enough for a restart or a short failover, before it
/// would reach the error queue. Other failures keep the endpoint's own (short) retry.
/// </summary>
internal static class DatabaseOutageRetry
{
    public const int RetryLimit = 24;
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(5);

    public static void UseDatabaseOutageRetry(this IReceiveEndpointConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseOutages.IsOutage);
            r.Exponential(RetryLimit, MinInterval, MaxInterval, MinInterval);
        });
}
