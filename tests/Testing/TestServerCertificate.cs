namespace IceFarm.Testing;

/// <summary>A server's certificate and its private key, PEM-encoded, as a server's configuration files take them.</summary>
public sealed record TestServerCertificate(string CertificatePem, string PrivateKeyPem);
