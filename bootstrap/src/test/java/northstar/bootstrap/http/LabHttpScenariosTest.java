package northstar.bootstrap.http;

/** The HTTP scenarios on the embedded default: SQLite and the filesystem. */
class LabHttpScenariosTest extends HttpScenarioSuite {
}
