using System.Net.Sockets;
using Npgsql;

namespace IceFarm.FarmData.Store;

/// <summary>
/// Tells an outage of PostgreSQL (unreachable, restarting, shutting down) from every other database error, through whatever
/// Marten or MassTransit wrapped around it: the first is worth retrying, the second is a bug or bad data.
/// </summary>
internal static class DatabaseOutages
{
    public static bool IsOutage(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                // Class 08: connection exceptions; 57P01-03: admin or crash shutdown, cannot connect now (starting or
                // recovering); 53300: too many connections, which a restart's reconnect storm can briefly cause.
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState == PostgresErrorCodes.TooManyConnections;
                // Npgsql marks connection failures, broken streams and pool timeouts as transient.
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsOutage);
            }

            exception = exception.InnerException;
        }

        return false;
    }
}
