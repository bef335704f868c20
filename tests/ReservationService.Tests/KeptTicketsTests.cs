using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Evaluations;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IceFarm.ReservationService.Tests;

/// <summary>
/// The replica that stored an evaluation's ticket checks the event that ends it against the fields it kept, without
/// reading the store; a forged claim is refused all the same, and once the evaluation ended only the store is asked.
/// (That a kept ticket ended on another replica ends nothing twice is in Replicas/CrossReplicaEvaluationTests.)
/// </summary>
public sealed class When_the_replica_that_stored_a_ticket_checks_its_end(ReservationServiceHost service) : IClassFixture<ReservationServiceHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 120_000)]
    public async Task It_trusts_what_it_kept_refuses_a_forged_claim_and_forgets_the_ticket_once_the_evaluation_ended()
    {
        var claims = service.Services.GetRequiredService<EvaluationClaims>();
        var feed = service.Services.GetRequiredService<ClientFeedStore>();
        var owner = $"kept-{Guid.NewGuid():N}";
        // Kept here but never written to the store: only what this replica kept can vouch for it, so a check that
        // passes shows the store was not asked.
        var ticket = new EvaluationTicket { Id = Guid.NewGuid(), ClientId = owner, Serial = "S1", Worker = "w1", Label = "a" };
        claims.Remember([ticket]);
        PendingClientEvent Claim(string client, string serial, string worker) => new(client, "result", "42", new ClosingClaim(ticket.Id, serial, worker));

        var (kept, refused) = await claims.CheckAsync(
            [Claim($"victim-{Guid.NewGuid():N}", "S1", "w1"), Claim(owner, "S2", "w1"), Claim(owner, "S1", "w2"), Claim(owner, "S1", "w1")],
            CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(3, refused.Count);
        Assert.Same(ticket, Assert.Single(kept).Ticket);

        // Stored, then let go: the next end of it is checked against the store, which has no ticket for it.
        var stored = await feed.AppendAsync(kept, "kept-test", CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(1L, Assert.Single(stored)!.Id);
        (kept, refused) = await claims.CheckAsync([Claim(owner, "S1", "w1")], CancellationToken.None).WaitAsync(Deadline);
        Assert.Empty(kept);
        Assert.Single(refused);

        // After a lost race every ticket is read from the store, whatever this replica kept.
        var other = new EvaluationTicket { Id = Guid.NewGuid(), ClientId = owner, Serial = "S1", Worker = "w1", Label = "b" };
        claims.Remember([other]);
        PendingClientEvent[] ends = [new(owner, "result", "7", new ClosingClaim(other.Id, "S1", "w1"))];
        Assert.Single(await claims.OpenAsync(ends, reread: false, CancellationToken.None).WaitAsync(Deadline));
        Assert.Empty(await claims.OpenAsync(ends, reread: true, CancellationToken.None).WaitAsync(Deadline));
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Null(await session.LoadAsync<EvaluationTicket>(other.Id).WaitAsync(Deadline));
    }
}
