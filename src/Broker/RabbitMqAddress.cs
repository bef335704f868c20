using System.Diagnostics.CodeAnalysis;

namespace IceFarm.Broker;

/// <summary>
/// The broker as <c>ConnectionStrings:RabbitMq</c> gives it: <c>amqp://user:password@host:port/vhost</c> (plaintext,
/// port 5672 by default) or <c>amqps://…</c> (TLS with the broker's certificate verified, port 5671 by default).
/// </summary>
/// <param name="Host">Host name or address; with TLS also the name the broker's certificate must carry.</param>
/// <param name="Port">AMQP port.</param>
/// <param name="VirtualHost">Virtual host: the URI's path, URL-decoded, "/" when empty.</param>
/// <param name="Username">User ("guest" when the URI names none).</param>
/// <param name="Password">Password.</param>
/// <param name="UseTls">True for <c>amqps</c>.</param>
internal sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    public const ushort AmqpPort = 5672;
    public const ushort AmqpsPort = 5671;
    private const string Setting = "ConnectionStrings:RabbitMq";
    private const string Example = "amqps://user:password@broker:5671/vhost (TLS) or amqp://user:password@broker:5672/vhost (plaintext)";

    /// <summary>Parses <paramref name="value"/>; throws <see cref="FormatException"/> saying what is wrong (never with the password).</summary>
    public static RabbitMqAddress Parse(string? value) =>
        TryParse(value, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>Parses <paramref name="value"/>, or says in <paramref name="error"/> what is wrong (never with the password).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out RabbitMqAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = Check(value, out var uri);
        if (error is not null)
        {
            return false;
        }

        var tls = uri!.Scheme == "amqps";
        var (user, password) = ("guest", "guest");
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            password = separator < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        var path = uri.AbsolutePath.TrimStart('/');
        address = new RabbitMqAddress(
            uri.IdnHost,
            uri.Port > 0 ? (ushort)uri.Port : tls ? AmqpsPort : AmqpPort,
            path.Length == 0 ? "/" : Uri.UnescapeDataString(path),
            user,
            password,
            tls);
        return true;
    }

    /// <summary>
    /// Whether the URI <paramref name="value"/> (one <see cref="TryParse"/> accepts) names a user and whether it carries a
    /// password: a password read from a file needs the first and refuses the second.
    /// </summary>
    public static (bool NamesUser, bool HasPassword) Credentials(string value)
    {
        if (Check(value, out var uri) is { } error)
        {
            throw new FormatException(error);
        }

        var userInfo = uri!.UserInfo;
        return (userInfo.Length > 0 && !userInfo.StartsWith(':'), userInfo.Contains(':', StringComparison.Ordinal));
    }

    /// <summary>Without the password, for logs.</summary>
    public override string ToString() =>
        $"{(UseTls ? "amqps" : "amqp")}://{Uri.EscapeDataString(Username)}@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";

    private static string? Check(string? value, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return $"{Setting} is not set: give the broker as {Example}.";
        }

        // The messages below never quote the value: it holds the password.
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out uri))
        {
            return $"{Setting} is not a URI: give the broker as {Example}.";
        }

        if (uri.Scheme is not ("amqp" or "amqps"))
        {
            return $"{Setting} has the scheme '{uri.Scheme}', which IceFarm does not know: give the broker as {Example}.";
        }

        if (uri.IdnHost.Length == 0)
        {
            return $"{Setting} names no host: give the broker as {Example}.";
        }

        if (uri.Port == 0)
        {
            return $"{Setting} has port 0: leave the port out (5671 for amqps, 5672 for amqp) or give the broker's.";
        }

        // MassTransit turns TLS on by itself for port 5671, with its own defaults, which accept a certificate no CA vouches for.
        if (uri.Scheme == "amqp" && uri.Port == AmqpsPort)
        {
            return $"{Setting} is amqp:// (plaintext) on port {AmqpsPort}, the TLS port: write amqps:// to connect with TLS.";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"{Setting} has query parameters or a fragment, which IceFarm does not read (e.g. ?verify=verify_none): TLS is amqps://, " +
                "the broker's certificate is always verified, and a private CA is RabbitMq:Tls:CaCertificate.";
        }

        if (uri.AbsolutePath.TrimStart('/').Contains('/', StringComparison.Ordinal))
        {
            return $"{Setting} has a path of more than one segment: the path is the virtual host; write a '/' in its name as %2F.";
        }

        return null;
    }
}
