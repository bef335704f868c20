using System.CommandLine;
using IceFarm.Client;

namespace IceFarm.Cli.Commands;

/// <summary>
/// <c>--keepalive 60s|off</c> for the commands that hold a lease while they run (<c>evaluate</c>, <c>reserve --hold</c>):
/// the farm frees the boards this long after the command dies. A reservation that outlives its command (<c>reserve</c>
/// without <c>--hold</c>) never gets one: nothing would be left to renew it.
/// </summary>
internal static class KeepAliveOption
{
    public static Option<TimeSpan?> Create() => new("--keepalive")
    {
        Description = "Keepalive TTL: if this command dies, the farm frees its boards after this long (default 60s; 'off' for none)",
        CustomParser = result => result.Tokens.Count > 0 && string.Equals(result.Tokens[0].Value, "off", StringComparison.OrdinalIgnoreCase)
            ? TimeSpan.Zero
            : DurationParser.Parse(result),
    };

    /// <summary>Lease options for a command's own lease, with the keepalive the user chose (the SDK's default when none).</summary>
    public static LeaseOptions LeaseOptions(TimeSpan? keepAlive, bool hold)
    {
        var options = new LeaseOptions { AutoExtend = hold, EndOnDispose = hold };
        if (keepAlive is { } ttl)
        {
            options.KeepAlive = ttl == TimeSpan.Zero ? null : ttl;
        }

        return options;
    }
}
