using System.Text;
using FlashTrader.Mexc.Signing;

namespace FlashTrader.Mexc.Tests.Signing;

public class MexcRequestSignerTests
{
    private const string Secret = "45d0b3c26f2644f19bfb98b07741b2f5";
    private const string Query = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087";
    private const string Expected = "fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a";

    [Fact]
    public void Signs_the_documented_vector()
    {
        new MexcRequestSigner(Secret).Sign(Query).Should().Be(Expected);
    }

    [Fact]
    public void The_body_follows_the_query_directly_without_an_ampersand()
    {
        var signer = new MexcRequestSigner(Secret);
        string query = Query[..40];
        string body = Query[40..];

        signer.Sign(query, body).Should().Be(Expected);
        signer.Sign(query + "&", body).Should().NotBe(Expected);
    }

    [Fact]
    public void The_span_overload_writes_the_same_lowercase_hex_without_allocating_after_warm_up()
    {
        var signer = new MexcRequestSigner(Secret);
        byte[] query = Encoding.ASCII.GetBytes(Query);
        char[] signature = new char[MexcRequestSigner.SignatureLength];
        signer.Sign(query, default, signature);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            signer.Sign(query, default, signature);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        new string(signature).Should().Be(Expected);
        allocated.Should().Be(0);
    }

    [Fact]
    public void The_query_builder_escapes_with_upper_case_hex_and_keeps_unreserved_characters()
    {
        string query = new MexcQueryString()
            .Add("symbols", "BTCUSDC,ETHUSDC")
            .Add("note", "a b/é~x-y_z.")
            .Add("timestamp", 1644489390087)
            .ToString();

        query.Should().Be("symbols=BTCUSDC%2CETHUSDC&note=a%20b%2F%C3%A9~x-y_z.&timestamp=1644489390087");
    }

    [Fact]
    public void The_query_builder_reproduces_the_documented_payload()
    {
        string query = new MexcQueryString()
            .Add("symbol", "BTCUSDT").Add("side", "BUY").Add("type", "LIMIT").Add("quantity", "1").Add("price", "11")
            .Add("recvWindow", 5000).Add("timestamp", 1644489390087)
            .ToString();

        query.Should().Be(Query);
        new MexcRequestSigner(Secret).Sign(query).Should().Be(Expected);
    }
}
