namespace IceFarm.Broker;

/// <summary>
/// What a process is told about its broker: <c>ConnectionStrings:RabbitMq</c>, <c>RabbitMq:PasswordFile</c> and the
/// <c>RabbitMq:Tls</c> section. Read
/// from configuration by <see cref="BrokerConnectionRegistration.AddBrokerConnection"/> and checked at start
/// (<see cref="BrokerConnectionValidator"/>): a process with a setting it cannot honour does not start.
/// </summary>
internal sealed class BrokerConnectionOptions
{
    public const string TlsSection = "RabbitMq:Tls";
    public const string CaCertificateKey = "CaCertificate";
    public const string PasswordFileKey = "RabbitMq:PasswordFile";

    /// <summary><c>ConnectionStrings:RabbitMq</c>: an <c>amqp://</c> or <c>amqps://</c> URI (<see cref="RabbitMqAddress"/>).</summary>
    public string? Uri { get; set; }

    /// <summary>
    /// <c>RabbitMq:PasswordFile</c>: a file whose content (trimmed) is the password of the URI's user, which then names
    /// no password itself (<see cref="BrokerPasswordFile"/>). Unset: the URI's password.
    /// </summary>
    public string? PasswordFile { get; set; }

    /// <summary>
    /// <c>RabbitMq:Tls:CaCertificate</c>: a PEM (or DER) file with the CA certificate(s) that signed the broker's certificate,
    /// for a private CA; the system's CAs are trusted as well. Unset: the system's CAs only.
    /// </summary>
    public string? CaCertificate { get; set; }

    /// <summary>
    /// Keys under <c>RabbitMq:Tls</c> other than <see cref="CaCertificateKey"/> (a "Verify=false" someone expected to work):
    /// refused, so that nobody believes a check is off, or on, because of a setting nothing reads.
    /// </summary>
    public IReadOnlyList<string> UnknownTlsSettings { get; set; } = [];
}
