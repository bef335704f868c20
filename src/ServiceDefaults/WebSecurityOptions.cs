using System.ComponentModel.DataAnnotations;
using System.Net;
using IceFarm.ServiceDefaults.Options;

namespace IceFarm.ServiceDefaults;

/// <summary>What a service behind an ingress trusts (<c>Http</c> section).</summary>
internal sealed class WebSecurityOptions
{
    public const string Section = "Http";

    /// <summary>
    /// Proxies (addresses or CIDR networks, such as <c>10.42.0.0/16</c>) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed: the per-address limits and <c>Secure</c> cookies depend on them. Loopback always.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    [MustBeTrue(ErrorMessage = "Http:TrustedProxies must be IP addresses or CIDR networks (10.0.0.0/8).")]
    public bool ProxiesParse => TrustedProxies.All(p => IPNetwork.TryParse(p, out _) || IPAddress.TryParse(p, out _));
}
