using System.Text.RegularExpressions;
using IceFarm.FarmData.Auth;
using Marten;

namespace IceFarm.FarmData.Clients;

/// <summary>Issues client identities, each with its first token (<see cref="TokenDirectory"/> keeps the tokens).</summary>
internal sealed partial class ClientDirectory(IDocumentStore store, TokenDirectory tokens, TimeProvider time)
{
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public async Task<(ClientAccount Account, string Token)> CreateAsync(string name, string createdBy, DateTimeOffset? tokenExpiresAt, CancellationToken ct)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("Client names use letters, digits and . - _ @, at most 64 characters.", nameof(name));
        }

        var account = new ClientAccount
        {
            Id = $"{name.ToLowerInvariant()}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}",
            Name = name,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await using var session = store.LightweightSession();
        session.Insert(account);
        var (_, secret) = tokens.Issue(session, TokenKind.Client, account.Id, role: null, tokenExpiresAt, createdBy);
        await session.SaveChangesAsync(ct);
        return (account, secret);
    }

    /// <summary>A further token for an existing client (a rotation: revoke the old one once the new one is in use); null when no such client.</summary>
    public async Task<(ApiToken Token, string Secret)?> IssueTokenAsync(string clientId, string issuedBy, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<ClientAccount>(clientId, ct) is null)
        {
            return null;
        }

        var issued = tokens.Issue(session, TokenKind.Client, clientId, role: null, expiresAt, issuedBy);
        await session.SaveChangesAsync(ct);
        return issued;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();
}
