using IceFarm.Cli.Admin;
using IceFarm.Client;

namespace IceFarm.Cli;

/// <summary>Where settings come from that options do not give: the environment (a dictionary in tests).</summary>
internal sealed class CliEnvironment(Func<string, string?> variable)
{
    public static CliEnvironment FromProcess() => new(Environment.GetEnvironmentVariable);

    public string? Variable(string name) => variable(name) is { Length: > 0 } value ? value : null;

    public FarmClient CreateClient(string? url, string? token, TimeSpan? requestTimeout = null)
    {
        var options = new FarmClientOptions
        {
            BaseAddress = (url ?? Variable("ICEFARM_URL")) is { } u ? new Uri(u, UriKind.Absolute) : null,
            Token = token ?? Variable("ICEFARM_TOKEN"),
        };
        if (requestTimeout is { } timeout)
        {
            options.RequestTimeout = timeout;
        }

        // How long a call rides out a farm that is briefly away (503, lost connections); 0 fails at the first refusal.
        if (Variable("ICEFARM_RETRY_SECONDS") is { } retry)
        {
            options.MaxRetryTime = int.TryParse(retry, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : throw new ArgumentException($"ICEFARM_RETRY_SECONDS must be a whole number of seconds, not '{retry}'.");
        }

        return new FarmClient(options);
    }

    public AdminClient CreateAdminClient(string? url, string? token)
    {
        var address = url ?? Variable("ICEFARM_ADMIN_URL")
            ?? throw new ArgumentException("The admin API's address is required: --admin-url or ICEFARM_ADMIN_URL.");
        var baseAddress = new Uri(address, UriKind.Absolute);
        var adminToken = token ?? Variable("ICEFARM_ADMIN_TOKEN")
            ?? throw new ArgumentException("An admin token is required: --admin-token or ICEFARM_ADMIN_TOKEN.");
        return new AdminClient(baseAddress, adminToken);
    }
}
