#include "tests/support/TestFiles.h"

#include "core/db/ConnectionSpec.h"
#include "core/session/ConnectionCredentials.h"
#include "core/session/KeychainCredentialStore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

// The real system keychain: a Secret Service (GNOME keyring) that with-keyring.sh starts in a
// D-Bus session of its own. The password goes in, comes back, is in no file in plain text (the
// keyring's file is encrypted, and nothing else got it), and is gone once removed.
class TestSystemKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void passwordIsKeptEncryptedAndRemoved();

private:
    QTemporaryDir m_home;
    QString m_keyrings;
};

namespace {

const QString Password = QStringLiteral("Sekr3t-keyring-9Qx");

} // namespace

void TestSystemKeychain::initTestCase()
{
    m_keyrings = qEnvironmentVariable("XPADMIN_TEST_KEYRING_DIR");
    if (m_keyrings.isEmpty())
        QFAIL("Run me through tests/credentials/with-keyring.sh: it starts the keychain and names its folder");
    // Settings of this test only.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toLocal8Bit());
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
}

void TestSystemKeychain::passwordIsKeptEncryptedAndRemoved()
{
    const auto spec = ConnectionSpec::parse(QStringLiteral("postgresql://dana@db.example:6543/ledger"));
    QVERIFY(spec);
    const QString account = ConnectionCredentials::account(*spec);
    KeychainCredentialStore keychain;
    const Status saved = keychain.save(account, Password);
    QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));
    const auto loaded = keychain.load(account);
    QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded->value_or(QString()), Password);

    QVERIFY2(!QDir(m_keyrings).entryList(QDir::Files).isEmpty(), qPrintable(m_keyrings));
    for (const QString &dir : {m_keyrings, m_home.path()}) {
        const QStringList plain = TestFiles::containing(dir, Password);
        QVERIFY2(plain.isEmpty(), qPrintable(QStringLiteral("the password is in ") + plain.join(QStringLiteral(", "))));
    }

    QVERIFY(keychain.remove(account));
    const auto gone = keychain.load(account);
    QVERIFY(gone);
    QVERIFY(!gone->has_value());
}

QTEST_GUILESS_MAIN(TestSystemKeychain)
#include "TestSystemKeychain.moc"
