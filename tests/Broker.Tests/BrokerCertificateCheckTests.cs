using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using IceFarm.Testing;

namespace IceFarm.Broker.Tests;

/// <summary>
/// The check of the broker's certificate with a private CA configured: the CA widens whom the process trusts, never what
/// it checks. (The TLS stack computes the errors; these tests hand it the errors it would compute.)
/// </summary>
public sealed class BrokerCertificateCheckTests : IDisposable
{
    private readonly TestCertificateAuthority _trusted = TestCertificateAuthority.Create("IceFarm trusted test CA");
    private readonly TestCertificateAuthority _stranger = TestCertificateAuthority.Create("IceFarm unknown test CA");

    [Fact]
    public void A_certificate_of_the_private_ca_is_accepted_though_no_system_ca_knows_it()
    {
        using var check = Check();
        using var certificate = Issue(_trusted);

        Assert.True(check.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_of_another_ca_is_refused()
    {
        using var check = Check();
        using var certificate = Issue(_stranger);

        Assert.False(check.Validate(this, certificate, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch)]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)]
    public void A_name_mismatch_is_refused_even_for_the_private_ca(SslPolicyErrors errors)
    {
        using var check = Check();
        using var certificate = Issue(_trusted);

        Assert.False(check.Validate(this, certificate, null, errors));
    }

    [Fact]
    public void No_certificate_is_refused()
    {
        using var check = Check();

        Assert.False(check.Validate(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.False(check.Validate(this, null, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void What_the_system_cas_accept_is_accepted()
    {
        using var check = Check();
        using var certificate = Issue(_stranger);

        Assert.True(check.Validate(this, certificate, null, SslPolicyErrors.None));
    }

    public void Dispose()
    {
        _trusted.Dispose();
        _stranger.Dispose();
    }

    private BrokerCertificateCheck Check()
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(_trusted.CertificatePem);
        return new BrokerCertificateCheck(authorities);
    }

    private static X509Certificate2 Issue(TestCertificateAuthority authority) =>
        X509Certificate2.CreateFromPem(authority.IssueServerCertificate(["broker.example"], [IPAddress.Loopback]).CertificatePem);
}
