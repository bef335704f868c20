using System.Net;
using Npgsql;

namespace IceFarm.FarmData.Store;

/// <summary>
/// <c>ConnectionStrings:Postgres</c>, read in one place by every part that connects (Marten, the client-event writer),
/// checked before anything connects. TLS is Npgsql's own keywords in it: <c>SSL Mode</c> (VerifyFull in production:
/// encrypted, the server's chain and host name verified) and <c>Root Certificate</c> (a private CA's certificate file).
/// </summary>
internal static class PostgresConnection
{
    public const string Setting = "ConnectionStrings:Postgres";

    /// <summary>The connection string; throws naming the problem (never quoting the string, which holds the password).</summary>
    public static string Read(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{Setting} is not configured.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{Setting} is not a valid Npgsql connection string: {ex.Message}");
        }

        if (!string.IsNullOrEmpty(builder.RootCertificate) && !File.Exists(builder.RootCertificate))
        {
            throw new InvalidOperationException(
                $"{Setting}: the Root Certificate file {builder.RootCertificate} does not exist (or this process may not read it).");
        }

        return value;
    }

    /// <summary>
    /// What an operator should know about the connection's TLS, or null: a server reached over the network without
    /// <c>SSL Mode=VerifyFull</c> (or VerifyCA) may be impersonated, or read.
    /// </summary>
    public static string? TlsNotice(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.SslMode is SslMode.VerifyCA or SslMode.VerifyFull || string.IsNullOrEmpty(builder.Host) || builder.Host.Split(',').All(IsLocal))
        {
            return null;
        }

        var what = builder.SslMode switch
        {
            SslMode.Disable => "is not encrypted",
            SslMode.Require => "is encrypted but does not verify the server's certificate",
            _ => "is encrypted only if the server offers it, and does not verify the server's certificate",
        };
        return $"{Setting}: the connection to {builder.Host} (SSL Mode={builder.SslMode}) {what}; " +
            "set SSL Mode=VerifyFull (and Root Certificate for a private CA), see docs/security.md.";
    }

    // A host of the list: "name", "name:port", "[v6]:port", a bare v6 address, or a Unix socket's directory.
    private static bool IsLocal(string host)
    {
        var name = host.Trim();
        if (name.StartsWith('['))
        {
            name = name[1..Math.Max(1, name.IndexOf(']', StringComparison.Ordinal))];
        }
        else if (name.Count(c => c == ':') == 1)
        {
            name = name[..name.IndexOf(':', StringComparison.Ordinal)];
        }

        return name.StartsWith('/') || name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }
}
