namespace IceFarm.WorkerAgent.Bus;

/// <summary>The broker to connect to, read from an AMQP URI such as <c>amqp://user:pass@host:5672/vhost</c>.</summary>
/// <param name="Host">Broker host.</param>
/// <param name="Port">Broker port.</param>
/// <param name="VirtualHost">Virtual host; the URI's path, URL-decoded, "/" when empty.</param>
/// <param name="Username">User.</param>
/// <param name="Password">Password.</param>
/// <param name="UseTls">True for <c>amqps</c>.</param>
internal sealed record RabbitMqAddress(string Host, int Port, string VirtualHost, string Username, string Password, bool UseTls)
{
    /// <summary>Parses <c>ConnectionStrings:RabbitMq</c>; throws with a message saying what is expected.</summary>
    public static RabbitMqAddress Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)
            || !Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:RabbitMq must be an AMQP URI such as amqp://user:password@host:5672/vhost.");
        }

        var tls = uri.Scheme == "amqps";
        var port = uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port;
        var path = uri.AbsolutePath.TrimStart('/');
        var virtualHost = path.Length == 0 ? "/" : Uri.UnescapeDataString(path);
        var (user, password) = ("guest", "guest");
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            password = separator < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }

        return new RabbitMqAddress(uri.Host, port, virtualHost, user, password, tls);
    }

    /// <summary>Without the password, for logs.</summary>
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Username}@{Host}:{Port}/{Uri.EscapeDataString(VirtualHost)}";
}
