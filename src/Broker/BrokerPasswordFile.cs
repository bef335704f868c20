namespace IceFarm.Broker;

/// <summary>
/// <c>RabbitMq:PasswordFile</c>: the broker password read from a file (a mounted Secret) rather than written into
/// <c>ConnectionStrings:RabbitMq</c>, so that each worker pod can be given its own user's password (docs/deploy.md,
/// "Broker users"). Read once, at start.
/// </summary>
internal static class BrokerPasswordFile
{
    private const string Setting = BrokerConnectionOptions.PasswordFileKey;

    /// <summary>
    /// <paramref name="address"/> with the file's password (its content, trimmed); null, with the reasons added to
    /// <paramref name="errors"/>, when the file cannot be read or is empty, or when the URI names no user or has a
    /// password of its own.
    /// </summary>
    public static RabbitMqAddress? Apply(RabbitMqAddress address, string uri, string path, List<string> errors)
    {
        var (namesUser, hasPassword) = RabbitMqAddress.Credentials(uri);
        if (!namesUser)
        {
            errors.Add($"{Setting} is set but ConnectionStrings:RabbitMq names no user: write it as amqps://user@broker/vhost.");
            return null;
        }

        // Two passwords, one silently ignored, would make a rotation look done when it is not.
        if (hasPassword)
        {
            errors.Add($"{Setting} is set and ConnectionStrings:RabbitMq has a password too: give the password in one place " +
                "(write the URI as amqps://user@broker/vhost).");
            return null;
        }

        string password;
        try
        {
            password = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            errors.Add($"{Setting}: {path} could not be read ({ex.Message}).");
            return null;
        }

        if (password.Length == 0)
        {
            errors.Add($"{Setting}: {path} holds no password (it is empty or only white space).");
            return null;
        }

        return address with { Password = password };
    }
}
