namespace FlashTrader.Storage.State;

/// <summary>Where in the market data a commit was made: the recording (file name and length; null when live) and the event's sequence.</summary>
public readonly record struct ReplayMark(string? Source, long Sequence);
