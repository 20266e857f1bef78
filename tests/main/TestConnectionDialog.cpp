#include "core/session/CredentialStore.h"
#include "ui/main/ConnectionDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

// A URL pasted into the connection dialog fills its fields as the person would have typed them;
// the password lands in the password field only; what the fields do not show is kept.
namespace {

// A keychain that keeps nothing: the dialog must not find a saved password here.
class EmptyStore final : public CredentialStore
{
public:
    Result<std::optional<QString>> load(const QString &) override { return std::optional<QString>(); }
    Status save(const QString &, const QString &) override { return {}; }
    Status remove(const QString &) override { return {}; }
};

} // namespace

class TestConnectionDialog final : public QObject
{
    Q_OBJECT

private slots:
    void pastedPrismaUrlFillsTheFields();
    void pastedHostListKeepsItsPorts();
    void pastedKeywordForm();
    void unreadableOptionsAreSaid();

private:
    template<typename T>
    static T *field(ConnectionDialog &dialog, const char *name)
    {
        auto *widget = dialog.findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qFatal("no field %s", name);
        return widget;
    }
    static void paste(ConnectionDialog &dialog, const QString &text)
    {
        QApplication::clipboard()->setText(text);
        auto *url = field<QLineEdit>(dialog, "connectionUrl");
        url->setFocus();
        QTest::keySequence(url, QKeySequence::SelectAll);
        QTest::keySequence(url, QKeySequence::Paste);
    }
};

void TestConnectionDialog::pastedPrismaUrlFillsTheFields()
{
    EmptyStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.show();
    paste(dialog,
          QStringLiteral("postgresql://app:s3cr%40t@db.internal:6543/shop?schema=billing&connection_limit=5&"
                         "pool_timeout=10&pgbouncer=true&sslmode=verify-full&sslrootcert=/etc/ssl/ca.crt&"
                         "target_session_attrs=read-write"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionHost")->text(), QStringLiteral("db.internal"));
    QCOMPARE(field<QSpinBox>(dialog, "connectionPort")->value(), 6543);
    QCOMPARE(field<QLineEdit>(dialog, "connectionDatabase")->text(), QStringLiteral("shop"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionUser")->text(), QStringLiteral("app"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionPassword")->text(), QStringLiteral("s3cr@t"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionSchema")->text(), QStringLiteral("billing"));
    QCOMPARE(field<QComboBox>(dialog, "connectionSslMode")->currentText(), QStringLiteral("verify-full"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionCaFile")->text(), QStringLiteral("/etc/ssl/ca.crt"));
    const QString more = field<QLineEdit>(dialog, "connectionMore")->text();
    QVERIFY2(more.contains(QLatin1String("target_session_attrs=read-write"))
                 && more.contains(QLatin1String("pgbouncer=true"))
                 && more.contains(QLatin1String("connection_limit=5")),
             qPrintable(more));
    // The pasted text no longer shows the password; it is in the password field alone.
    const QString url = field<QLineEdit>(dialog, "connectionUrl")->text();
    QVERIFY2(!url.contains(QLatin1String("s3cr")), qPrintable(url));
    QVERIFY(!more.contains(QLatin1String("s3cr")));

    const ConnectionSpec spec = dialog.spec();
    QCOMPARE(spec.appSchema, QStringLiteral("billing"));
    QVERIFY(spec.pooler);
    QCOMPARE(spec.option(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));
    QCOMPARE(spec.option(QStringLiteral("sslrootcert")), QStringLiteral("/etc/ssl/ca.crt"));
    QCOMPARE(spec.password, QStringLiteral("s3cr@t"));
    QVERIFY(!spec.displayName().contains(QLatin1String("s3cr")));
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
}

void TestConnectionDialog::pastedHostListKeepsItsPorts()
{
    EmptyStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.show();
    paste(dialog, QStringLiteral("postgres://ops@db1:5432,db2:5433/app?target_session_attrs=read-write"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionHost")->text(), QStringLiteral("db1:5432,db2:5433"));
    const ConnectionSpec spec = dialog.spec();
    QCOMPARE(spec.host, QStringLiteral("db1,db2"));
    QCOMPARE(spec.ports, QStringLiteral("5432,5433"));
    QCOMPARE(spec.port, 0);

    // A Unix socket directory, percent-encoded in the URL, reads as a plain directory.
    paste(dialog, QStringLiteral("postgresql://ops@%2Frun%2Fpostgresql/app"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionHost")->text(), QStringLiteral("/run/postgresql"));
    QCOMPARE(field<QSpinBox>(dialog, "connectionPort")->value(), 0); // libpq's default: PGPORT or 5432
    QCOMPARE(dialog.spec().host, QStringLiteral("/run/postgresql"));
}

void TestConnectionDialog::pastedKeywordForm()
{
    EmptyStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.show();
    paste(dialog,
          QStringLiteral("host=db port=5544 dbname=ledger user=dana password='two words' sslmode=require "
                         "application_name=desk"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionHost")->text(), QStringLiteral("db"));
    QCOMPARE(field<QSpinBox>(dialog, "connectionPort")->value(), 5544);
    QCOMPARE(field<QLineEdit>(dialog, "connectionPassword")->text(), QStringLiteral("two words"));
    QCOMPARE(field<QComboBox>(dialog, "connectionSslMode")->currentText(), QStringLiteral("require"));
    QCOMPARE(dialog.spec().option(QStringLiteral("application_name")), QStringLiteral("desk"));
    QVERIFY(!field<QLineEdit>(dialog, "connectionUrl")->text().contains(QLatin1String("two words")));

    // The client key's password is kept for the connection and shown nowhere.
    paste(dialog, QStringLiteral("postgresql://dana@db/ledger?sslcert=/c.crt&sslkey=/c.key&sslpassword=keypass9"));
    QCOMPARE(dialog.spec().option(QStringLiteral("sslpassword")), QStringLiteral("keypass9"));
    for (auto *edit : dialog.findChildren<QLineEdit *>())
        QVERIFY2(!edit->text().contains(QLatin1String("keypass9")), qPrintable(edit->objectName()));
}

void TestConnectionDialog::unreadableOptionsAreSaid()
{
    EmptyStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.show();
    QTest::keyClicks(field<QLineEdit>(dialog, "connectionDatabase"), QStringLiteral("app"));
    auto *connect = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(connect->isEnabled());
    QTest::keyClicks(field<QLineEdit>(dialog, "connectionMore"), QStringLiteral("colour=blue"));
    QVERIFY(!connect->isEnabled());
    QVERIFY2(dialog.testResult().contains(QLatin1String("colour")), qPrintable(dialog.testResult()));
    // A pasted text that is no connection says so and changes nothing.
    paste(dialog, QStringLiteral("mysql://x@y/z"));
    QCOMPARE(field<QLineEdit>(dialog, "connectionDatabase")->text(), QStringLiteral("app"));
}

QTEST_MAIN(TestConnectionDialog)
#include "TestConnectionDialog.moc"
