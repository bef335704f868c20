using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IceFarm.Broker;

/// <summary>
/// The broker's certificate check when a private CA is configured: what the system's CAs accept is accepted; otherwise
/// the chain must lead to one of the configured CA certificates. A host name that does not match, or no certificate, is
/// refused either way: the private CA widens whom the process trusts, never what it checks.
/// </summary>
internal sealed class BrokerCertificateCheck : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private readonly X509Certificate2Collection _authorities;

    public BrokerCertificateCheck(X509Certificate2Collection authorities) => _authorities = authorities;

    /// <summary>Reads the CA file (PEM with one or more certificates, or one DER certificate); adds to <paramref name="errors"/> if it cannot.</summary>
    public static BrokerCertificateCheck? Load(string path, List<string> errors)
    {
        const string Setting = $"{BrokerConnectionOptions.TlsSection}:{BrokerConnectionOptions.CaCertificateKey}";
        var authorities = new X509Certificate2Collection();
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            errors.Add($"{Setting}: {path} could not be read as a certificate ({ex.Message}).");
            return null;
        }

        if (authorities.Count == 0)
        {
            errors.Add($"{Setting}: {path} holds no certificate.");
            return null;
        }

        return new BrokerCertificateCheck(authorities);
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an unknown issuer can be made good by the private CA; a wrong name or a missing certificate cannot.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // As on the system path: the client does not check revocation (RabbitMQ.Client's default), and a private CA rarely publishes a CRL.
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        own.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            // Intermediates the broker sent along.
            foreach (var element in chain.ChainElements.Skip(1))
            {
                own.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return own.Build(leaf);
        }

        using var copy = new X509Certificate2(certificate);
        return own.Build(copy);
    }

    public void Dispose()
    {
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }
}
