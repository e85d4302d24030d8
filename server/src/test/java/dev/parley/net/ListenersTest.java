package dev.parley.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Binding real sockets the way HTTP and TURN listeners do. */
final class ListenersTest {
  private final List<ServerSocket> sockets = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (ServerSocket socket : sockets) {
      socket.close();
    }
  }

  private InetSocketAddress listen(InetAddress address, int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(address, port));
    sockets.add(socket);
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  @Test
  void localhostMeansBothLoopbackAddressesOnOneSharedPort() {
    List<InetSocketAddress> bound =
        Listeners.bindAll("test", List.of("localhost"), 0, this::listen);

    assertThat(bound).isNotEmpty();
    assertThat(bound.getFirst().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(bound)
        .extracting(InetSocketAddress::getPort)
        .containsOnly(bound.getFirst().getPort());
  }

  @Test
  void ipv6LoopbackThatCannotBeBoundIsSkippedOnceIpv4Listens() {
    List<InetSocketAddress> bound =
        Listeners.bindAll(
            "test",
            List.of("127.0.0.1", "::1"),
            0,
            (address, port) -> {
              if (address instanceof Inet6Address) {
                throw new IOException("Cannot assign requested address");
              }
              return listen(address, port);
            });

    assertThat(bound).hasSize(1);
  }

  @Test
  void anyOtherFailureNamesTheAddress() throws IOException {
    InetSocketAddress taken = listen(InetAddress.getByName("127.0.0.1"), 0);

    assertThatThrownBy(
            () -> Listeners.bindAll("test", List.of("127.0.0.1"), taken.getPort(), this::listen))
        .isInstanceOf(Listeners.BindException.class)
        .hasMessageStartingWith("cannot listen for test on 127.0.0.1:" + taken.getPort() + ": ");
  }

  @Test
  void anUnresolvableHostIsNamed() {
    assertThatThrownBy(() -> Listeners.resolve(List.of("no-such-host.invalid")))
        .isInstanceOf(Listeners.BindException.class)
        .hasMessage("cannot listen on 'no-such-host.invalid': no such host or address");
  }
}
