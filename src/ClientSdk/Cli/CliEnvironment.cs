using System.CommandLine;
using IceFarm.Cli.Admin;
using IceFarm.Client;

namespace IceFarm.Cli;

/// <summary>Where settings come from that options do not give: the environment (a dictionary in tests).</summary>
internal sealed class CliEnvironment(Func<string, string?> variable)
{
    public static CliEnvironment FromProcess() => new(Environment.GetEnvironmentVariable);

    public string? Variable(string name) => variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>Where warnings go (stderr, or the test's writer); set before a command runs.</summary>
    public TextWriter Warnings { get; set; } = TextWriter.Null;

    public FarmClient CreateClient(ParseResult parse, TimeSpan? requestTimeout = null) =>
        CreateClient(parse.GetValue(GlobalOptions.Url), Secret(parse.GetValue(GlobalOptions.Token), parse.GetValue(GlobalOptions.TokenFile), "ICEFARM_TOKEN"), requestTimeout);

    /// <summary>
    /// A token from, in order: the option, the option's file, the variable, the file the variable <c>_FILE</c> names.
    /// A file others may read draws a warning, as ssh does for keys.
    /// </summary>
    public string? Secret(string? given, string? file, string variableName)
    {
        if (given is not null)
        {
            return given;
        }

        if ((file ?? (Variable(variableName) is null ? Variable(variableName + "_FILE") : null)) is not { } path)
        {
            return Variable(variableName);
        }

        string token;
        try
        {
            token = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot read the token file '{path}': {ex.Message}", ex);
        }

        if (token.Length == 0)
        {
            throw new ArgumentException($"The token file '{path}' is empty.");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            Warnings.WriteLine($"warning: the token file '{path}' may be read by other users; chmod 600 it.");
        }

        return token;
    }

    private FarmClient CreateClient(string? url, string? token, TimeSpan? requestTimeout)
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
            ?? throw new ArgumentException("An operator token is required: --admin-token-file, ICEFARM_ADMIN_TOKEN or ICEFARM_ADMIN_TOKEN_FILE.");
        return new AdminClient(baseAddress, adminToken);
    }
}
