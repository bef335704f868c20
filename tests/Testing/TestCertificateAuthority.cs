using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IceFarm.Testing;

/// <summary>
/// A certificate authority made up for one test (System.Security.Cryptography, no openssl): its certificate, and server
/// certificates it signs for the names and addresses a test server listens on. The CA is valid from two hours ago for
/// two days, a server certificate from an hour ago for a day (within the CA's time, as a chain must be).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly RSA _key;
    private readonly X509Certificate2 _certificate;

    private TestCertificateAuthority(RSA key, X509Certificate2 certificate)
    {
        _key = key;
        _certificate = certificate;
    }

    /// <summary>The CA's certificate (no key), as a client's trust file holds it.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    public static TestCertificateAuthority Create(string name)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=IceFarm tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = TimeProvider.System.GetUtcNow();
        return new TestCertificateAuthority(key, request.CreateSelfSigned(now.AddHours(-2), now.AddDays(2)));
    }

    /// <summary>A server certificate (TLS server authentication) for <paramref name="dnsNames"/> and <paramref name="addresses"/>.</summary>
    public TestServerCertificate IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses)
    {
        using var key = RSA.Create(2048);
        var names = new SubjectAlternativeNameBuilder();
        var first = "server";
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
            first = dns;
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        var request = new CertificateRequest($"CN={first}, O=IceFarm tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_certificate, true, false));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.Create(_certificate, now.AddHours(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        // PKCS#1 ("RSA PRIVATE KEY"): what every server (Erlang's ssl, PostgreSQL's OpenSSL) reads.
        return new TestServerCertificate(certificate.ExportCertificatePem(), key.ExportRSAPrivateKeyPem());
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }
}
