using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MassTransit;

namespace IceFarm.Broker;

/// <summary>
/// The checked broker settings of a process and the one place they are turned into MassTransit's host settings: every
/// process connects the same way, and <c>amqps://</c> always verifies the broker's certificate (chain and host name).
/// </summary>
internal sealed class BrokerConnection : IDisposable
{
    private const SslPolicyErrors EveryCheck =
        SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable;

    private readonly BrokerCertificateCheck? _privateCa;

    private BrokerConnection(RabbitMqAddress address, BrokerCertificateCheck? privateCa)
    {
        Address = address;
        _privateCa = privateCa;
    }

    public RabbitMqAddress Address { get; }

    /// <summary>The connection of <paramref name="uri"/> (and a private CA file); throws with every problem.</summary>
    public static BrokerConnection Create(string? uri, string? caCertificate = null) =>
        Create(new BrokerConnectionOptions { Uri = uri, CaCertificate = caCertificate });

    /// <summary>The connection of <paramref name="options"/>; throws with every problem.</summary>
    public static BrokerConnection Create(BrokerConnectionOptions options) =>
        TryCreate(options, out var connection, out var errors)
            ? connection
            : throw new InvalidOperationException(string.Join(" ", errors));

    /// <summary>Checks <paramref name="options"/>; <paramref name="errors"/> says what is wrong with them, one sentence each.</summary>
    public static bool TryCreate(BrokerConnectionOptions options, [NotNullWhen(true)] out BrokerConnection? connection, out List<string> errors)
    {
        connection = null;
        errors = [];
        foreach (var key in options.UnknownTlsSettings)
        {
            errors.Add($"{BrokerConnectionOptions.TlsSection}:{key} is not a setting: the broker's certificate is always verified (its chain and " +
                $"host name), and only {BrokerConnectionOptions.TlsSection}:{BrokerConnectionOptions.CaCertificateKey} (a private CA) may be set.");
        }

        if (!RabbitMqAddress.TryParse(options.Uri, out var address, out var error))
        {
            errors.Add(error);
        }
        else if (!string.IsNullOrWhiteSpace(options.PasswordFile))
        {
            address = BrokerPasswordFile.Apply(address, options.Uri!, options.PasswordFile, errors);
        }

        BrokerCertificateCheck? privateCa = null;
        if (!string.IsNullOrWhiteSpace(options.CaCertificate))
        {
            if (address is { UseTls: false })
            {
                errors.Add($"{BrokerConnectionOptions.TlsSection}:{BrokerConnectionOptions.CaCertificateKey} is set but ConnectionStrings:RabbitMq " +
                    "is amqp:// (plaintext): write amqps:// to connect with TLS.");
            }

            privateCa = BrokerCertificateCheck.Load(options.CaCertificate, errors);
        }

        if (errors.Count > 0)
        {
            privateCa?.Dispose();
            return false;
        }

        connection = new BrokerConnection(address!, privateCa);
        return true;
    }

    /// <summary>MassTransit's host: this address, its user, and for <c>amqps</c> TLS that verifies the broker.</summary>
    public void ConfigureHost(IRabbitMqBusFactoryConfigurator bus) =>
        bus.Host(Address.Host, Address.Port, Address.VirtualHost, h =>
        {
            h.Username(Address.Username);
            h.Password(Address.Password);
            if (Address.UseTls)
            {
                h.UseSsl(ConfigureTls);
            }
        });

    public void Dispose() => _privateCa?.Dispose();

    private void ConfigureTls(IRabbitMqSslConfigurator tls)
    {
        tls.ServerName = Address.Host;
        // MassTransit asks for TLS 1.2 only; None lets the operating system choose (1.2 and 1.3 today).
        tls.Protocol = SslProtocols.None;
        // MassTransit's own default accepts a certificate that no trusted CA signed: every check is put back.
        tls.EnforcePolicyErrors(EveryCheck);
        if (_privateCa is not null)
        {
            tls.CertificateValidationCallback = _privateCa.Validate;
        }
    }
}
