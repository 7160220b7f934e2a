namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>
/// Waits for a condition another thread brings about (a request reaching the server, a call parking on the manual
/// clock). A synchronisation point, not a timing assertion: the 10 s limit only turns a hang into a clear failure.
/// </summary>
public static class Eventually
{
    public static async Task Async(Func<bool> condition, string what)
    {
        DateTime giveUp = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }

            await Task.Delay(2);
        }
    }
}
