// A minimal Neo4j Community server for OceanBrain's test suite.
//
// Started by tests/neo4j_server/launcher.py with single-file source launch on Java 17:
//   java -cp "$(cat target/classpath.txt)" Neo4jTestServer.java <data-dir>
// Embedded DBMS with only the Bolt connector on an ephemeral 127.0.0.1 port, auth off (on only
// with --auth), usage reporting off, a small page cache. Prints one ready line, then serves until
// SIGTERM/SIGINT, when the shutdown hook stops the DBMS cleanly.

import java.nio.file.Path;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Neo4jTestServer {
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--auth"))) {
            System.err.println("usage: Neo4jTestServer <data-dir> [--auth]");
            System.exit(2);
        }
        // --auth: authentication on with the stock neo4j/neo4j user, for credential tests only.
        boolean auth = args.length == 2;
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home);
        Path conf = home.resolve("neo4j.conf");
        Files.writeString(conf, String.join("\n", List.of(
                "server.bolt.enabled=true",
                "server.bolt.listen_address=127.0.0.1:0",
                "server.bolt.advertised_address=127.0.0.1:0",
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=" + auth,
                "dbms.usage_report.enabled=false",
                "server.memory.pagecache.size=64m",
                "db.tx_log.rotation.retention_policy=1 files",
                "server.logs.debug.enabled=false")) + "\n");
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("NEO4J_STOPPED");
            System.out.flush();
            stopped.countDown();
        }));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var address = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        System.out.println("NEO4J_READY bolt://" + address.getHost() + ":" + address.getPort());
        System.out.flush();
        stopped.await();
    }
}
