namespace IceFarm.ReservationService.Hosting;

/// <summary>The broker as one AMQP URI (<c>amqp://user:pass@host:port/vhost</c>), split into what MassTransit asks for.</summary>
internal sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password)
{
    public static RabbitMqAddress Parse(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException("ConnectionStrings:RabbitMq must be an AMQP URI such as amqp://user:password@host:5672/vhost.");
        }

        var credentials = parsed.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            parsed.Host,
            parsed.IsDefaultPort || parsed.Port <= 0 ? (ushort)5672 : (ushort)parsed.Port,
            vhost.Length == 0 ? "/" : vhost,
            credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }
}
