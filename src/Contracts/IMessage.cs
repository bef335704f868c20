namespace IceFarm.Contracts;

/// <summary>Every bus message carries an explicit schema version so that consumers can reject or adapt old shapes.</summary>
public interface IMessage
{
    /// <summary>The version of the message's schema; bumped when a field changes meaning.</summary>
    int SchemaVersion { get; }
}
