#include "ui/main/ConnectionDialog.h"

#include "core/session/ConnectionCredentials.h"
#include "core/session/CredentialStore.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/SessionJobs.h"
#include "ui/common/FileDialog.h"
#include "ui/main/ReadStandbySetting.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

ConnectionDialog::ConnectionDialog(QWidget *parent, CredentialStore *store)
    : QDialog(parent),
      m_store(store ? store : &CredentialStore::system()),
      m_host(new QLineEdit(this)),
      m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)),
      m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("&Remember the password in the system keychain"), this)),
      m_url(new QLineEdit(this)),
      m_schema(new QLineEdit(this)),
      m_sslMode(new QComboBox(this)),
      m_caFile(new QLineEdit(this)),
      m_clientCert(new QLineEdit(this)),
      m_clientKey(new QLineEdit(this)),
      m_more(new QLineEdit(this)),
      m_readStandby(new QLineEdit(this)),
      m_testButton(new QPushButton(tr("&Test connection"), this)),
      m_result(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_url->setObjectName(QStringLiteral("connectionUrl"));
    m_url->setPlaceholderText(tr("postgresql://user:password@host:5432/database?schema=… or host=… dbname=…"));
    m_url->setToolTip(tr("Paste the web application's DATABASE_URL or any PostgreSQL connection string: it fills the "
                         "fields below. The password goes to the password field only."));
    m_host->setObjectName(QStringLiteral("connectionHost"));
    m_host->setPlaceholderText(tr("empty: PGHOST or the local socket"));
    m_host->setToolTip(tr("A host name, an address or a socket directory. Several hosts, tried in turn: "
                          "db1:5432,db2:5432"));
    m_port->setObjectName(QStringLiteral("connectionPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (PGPORT or 5432)"));
    m_port->setValue(0);
    m_database->setObjectName(QStringLiteral("connectionDatabase"));
    m_database->setPlaceholderText(tr("the web application's database"));
    m_user->setObjectName(QStringLiteral("connectionUser"));
    m_user->setPlaceholderText(tr("empty: PGUSER or your login name"));
    m_password->setObjectName(QStringLiteral("connectionPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: use PGPASSWORD or ~/.pgpass"));
    m_password->setToolTip(
        tr("Kept in the system keychain when you ask; otherwise used for this session only. Never written to "
           "settings or logs."));
    m_remember->setObjectName(QStringLiteral("connectionRemember"));
    m_schema->setObjectName(QStringLiteral("connectionSchema"));
    m_schema->setPlaceholderText(QStringLiteral("public"));
    m_schema->setToolTip(tr("The schema of the web application's tables (Prisma's ?schema=)"));
    m_sslMode->setObjectName(QStringLiteral("connectionSslMode"));
    for (const char *mode : {"prefer", "require", "verify-ca", "verify-full", "allow", "disable"})
        m_sslMode->addItem(QString::fromLatin1(mode));
    m_sslMode->setToolTip(tr("verify-full checks that the server's certificate is signed by the certificate "
                             "authority and made out for the host name; require encrypts without checking"));
    m_caFile->setObjectName(QStringLiteral("connectionCaFile"));
    m_caFile->setPlaceholderText(tr("empty: ~/.postgresql/root.crt"));
    m_clientCert->setObjectName(QStringLiteral("connectionClientCert"));
    m_clientCert->setPlaceholderText(tr("only if the server asks for one"));
    m_clientKey->setObjectName(QStringLiteral("connectionClientKey"));
    m_more->setObjectName(QStringLiteral("connectionMore"));
    m_more->setPlaceholderText(tr("key=value&key=value, e.g. target_session_attrs=read-write"));
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("Paste a UR&L:"), m_url);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(tr("Sche&ma:"), m_schema);
    auto *tlsHeading = new QLabel(tr("TLS"), this);
    QFont heading = tlsHeading->font();
    heading.setBold(true);
    tlsHeading->setFont(heading);
    form->addRow(tlsHeading);
    form->addRow(tr("&SSL mode:"), m_sslMode);
    auto fileRow = [this, form](const QString &label, QLineEdit *field, const QString &caption) {
        auto *row = new QHBoxLayout;
        auto *browse = new QToolButton(this);
        browse->setText(tr("…"));
        browse->setToolTip(caption);
        row->addWidget(field);
        row->addWidget(browse);
        auto *name = new QLabel(label, this);
        name->setBuddy(field);
        form->addRow(name, row);
        connect(browse, &QToolButton::clicked, this, [this, field, caption] { chooseFile(field, caption); });
    };
    fileRow(tr("C&A certificate:"), m_caFile, tr("Choose the certificate authority's file"));
    fileRow(tr("Client c&ertificate:"), m_clientCert, tr("Choose the client certificate"));
    fileRow(tr("Client &key:"), m_clientKey, tr("Choose the client certificate's key"));
    form->addRow(tr("M&ore options:"), m_more);
    m_readStandby->setObjectName(QStringLiteral("connectionReadStandby"));
    m_readStandby->setPlaceholderText(tr("postgresql://user@standby-host/database"));
    m_readStandby->setToolTip(tr("A hot standby of this database. History, totals, charts, exports, reports and "
                                 "verify read there; every change is still written to this database."));
    form->addRow(tr("Read from standb&y (optional):"), m_readStandby);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_testButton, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);
    // Each field at least as wide as its hint, in whatever language: a cut example misleads.
    for (QLineEdit *edit : findChildren<QLineEdit *>()) {
        if (!edit->placeholderText().isEmpty())
            edit->setMinimumWidth(
                std::max(edit->minimumWidth(), edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 24));
    }

    // The URL first: pasting one is the quickest way in.
    QWidget *previous = m_url;
    for (QWidget *next :
         std::initializer_list<QWidget *>{m_host, m_port, m_database, m_user, m_password, m_remember, m_schema,
                                          m_sslMode, m_caFile, m_clientCert, m_clientKey, m_more, m_testButton}) {
        setTabOrder(previous, next);
        previous = next;
    }
    m_url->setFocus();

    connect(m_url, &QLineEdit::textEdited, this, &ConnectionDialog::takeUrl);
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_host, m_database, m_user, m_schema, m_more})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    updateButtons();
    loadSavedPassword();
}

ConnectionDialog::~ConnectionDialog() = default;

ConnectionSpec ConnectionDialog::withSavedPassword(const ConnectionSpec &spec)
{
    return ConnectionCredentials::withSavedPassword(spec, CredentialStore::system());
}

bool ConnectionDialog::needsPassword(const ConnectionSpec &spec, const Error &error)
{
    return spec.backend == ConnectionSpec::Backend::Postgres && ConnectionCredentials::isPasswordProblem(error);
}

void ConnectionDialog::updateButtons()
{
    // The fields must make a connection XP Admin can read back: the same check as --db.
    const ConnectionSpec current = spec();
    QString problem;
    const QString more = m_more->text().trimmed();
    const auto extra = ConnectionSpec::parse(QStringLiteral("postgresql:///x?") + more);
    const bool named = !current.database.isEmpty() || !current.option(QStringLiteral("service")).isEmpty()
        || !qEnvironmentVariableIsEmpty("PGDATABASE") || !qEnvironmentVariableIsEmpty("PGSERVICE");
    if (!more.isEmpty() && !extra)
        problem = extra.error().message.section(QStringLiteral(": "), 1);
    else if (const auto checked = ConnectionSpec::parse(current.toUrl(true)); named && !checked)
        problem = checked.error().message.section(QStringLiteral(": "), 1);
    if (!m_testing && (!problem.isEmpty() || m_showsFieldProblem))
        m_result->setText(problem);
    m_showsFieldProblem = !problem.isEmpty();
    const bool complete = named && problem.isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !m_testing);
    m_testButton->setEnabled(complete && !m_testing);
}

void ConnectionDialog::takeUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    const auto parsed = ConnectionSpec::parse(text);
    if (!parsed || parsed->backend != ConnectionSpec::Backend::Postgres) {
        m_result->setText(parsed ? tr("Not a PostgreSQL URL")
                                 : parsed.error().message.section(QStringLiteral(": "), 1));
        return;
    }
    setSpec(*parsed);
    // Shown without its password, which is now in the password field alone.
    m_url->setText(parsed->displayName());
    m_url->setCursorPosition(0);
    m_more->setCursorPosition(0);
    m_result->setText(tr("Filled in from the URL."));
}

void ConnectionDialog::chooseFile(QLineEdit *field, const QString &caption)
{
    const QString file = FileDialog::getOpenFileName(this, caption,
                                                     tr("Certificates and keys (*.crt *.pem *.key);;All "
                                                        "files (*)"),
                                                     QStringLiteral("tls"));
    if (!file.isEmpty())
        field->setText(QDir::toNativeSeparators(file));
}

void ConnectionDialog::loadSavedPassword()
{
    // Also tells whether there is a keychain at all: a store that cannot be read cannot keep one.
    const ConnectionSpec current = spec();
    const auto saved = m_store->load(ConnectionCredentials::account(current));
    m_keychainAvailable = saved.ok();
    m_remember->setEnabled(m_keychainAvailable);
    if (!m_keychainAvailable) {
        m_remember->setChecked(false);
        m_remember->setToolTip(
            tr("%1. XP Admin asks for the password each time and never stores it elsewhere; PGPASSWORD and "
               "~/.pgpass work as usual.")
                .arg(saved.error().message));
        return;
    }
    m_remember->setToolTip(tr("Keep the password in the system keychain for the next time; unchecked, a password "
                              "kept there for this connection is removed"));
    if (*saved && m_password->text().isEmpty() && !current.database.isEmpty()) {
        m_password->setText(**saved);
        m_remember->setChecked(true);
    }
}

namespace {

const QStringList &tlsKeys()
{
    static const QStringList keys{QStringLiteral("sslmode"), QStringLiteral("sslrootcert"), QStringLiteral("sslcert"),
                                  QStringLiteral("sslkey")};
    return keys;
}

} // namespace

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    // Several hosts with ports of their own read as db1:5432,db2:5433 in the host field.
    if (!spec.ports.isEmpty()) {
        const QStringList hosts = spec.host.split(QLatin1Char(','));
        const QStringList ports = spec.ports.split(QLatin1Char(','));
        QStringList entries;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QString host = hosts.at(i).contains(QLatin1Char(':'))
                ? QLatin1Char('[') + hosts.at(i) + QLatin1Char(']')
                : hosts.at(i);
            entries << (ports.value(i).isEmpty() ? host : host + QLatin1Char(':') + ports.value(i));
        }
        m_host->setText(entries.join(QLatin1Char(',')));
    } else {
        m_host->setText(spec.host);
    }
    m_port->setValue(spec.port);
    m_database->setText(spec.database);
    m_user->setText(spec.user);
    m_password->setText(spec.password);
    m_schema->setText(spec.appSchema);
    const QString ssl = spec.option(QStringLiteral("sslmode"));
    m_sslMode->setCurrentText(ssl.isEmpty() ? QStringLiteral("prefer") : ssl);
    m_caFile->setText(spec.option(QStringLiteral("sslrootcert")));
    m_clientCert->setText(spec.option(QStringLiteral("sslcert")));
    m_clientKey->setText(spec.option(QStringLiteral("sslkey")));
    // The rest, as the query of a URL: what a URL holds beyond the fields is kept, not lost.
    ConnectionSpec rest;
    rest.backend = ConnectionSpec::Backend::Postgres;
    rest.options = spec.options;
    for (const QString &key : tlsKeys())
        rest.setOption(key, QString());
    // The client key's password is a secret like the password: kept, never shown.
    m_sslPassword = spec.option(QStringLiteral("sslpassword"));
    rest.setOption(QStringLiteral("sslpassword"), QString());
    rest.pooler = spec.pooler;
    rest.prismaOptions = spec.prismaOptions;
    m_more->setText(rest.toUrl(true).section(QLatin1Char('?'), 1));
    m_readStandby->setText(ReadStandbySetting::forDatabase(spec.displayName()));
    loadSavedPassword();
}

ConnectionSpec ConnectionDialog::spec() const
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    const QString more = m_more->text().trimmed();
    if (!more.isEmpty()) {
        // Read as a URL reads it; what it cannot read stays out, and updateButtons() says why.
        if (const auto extra = ConnectionSpec::parse(QStringLiteral("postgresql:///x?") + more)) {
            spec.options = extra->options;
            spec.pooler = extra->pooler;
            spec.prismaOptions = extra->prismaOptions;
        }
    }
    QStringList hosts;
    QStringList ports;
    for (const QString &entry : m_host->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString host = entry.trimmed();
        QString port;
        if (host.startsWith(QLatin1Char('['))) {
            port = host.section(QLatin1Char(']'), 1).mid(1);
            host = host.mid(1).section(QLatin1Char(']'), 0, 0);
        } else if (host.count(QLatin1Char(':')) == 1) {
            port = host.section(QLatin1Char(':'), 1);
            host = host.section(QLatin1Char(':'), 0, 0);
        }
        hosts << host;
        ports << port;
    }
    spec.host = hosts.join(QLatin1Char(','));
    if (ports.join(QString()).isEmpty())
        spec.port = m_port->value();
    else if (ports.size() == 1 || ports.count(ports.constFirst()) == ports.size())
        spec.port = ports.constFirst().toInt();
    else
        spec.ports = ports.join(QLatin1Char(','));
    spec.database = m_database->text().trimmed();
    spec.user = m_user->text().trimmed();
    spec.password = m_password->text();
    const QString schema = m_schema->text().trimmed();
    spec.appSchema = schema == QLatin1String("public") ? QString() : schema;
    if (m_sslMode->currentText() != QLatin1String("prefer"))
        spec.setOption(QStringLiteral("sslmode"), m_sslMode->currentText());
    spec.setOption(QStringLiteral("sslrootcert"), m_caFile->text().trimmed());
    spec.setOption(QStringLiteral("sslcert"), m_clientCert->text().trimmed());
    spec.setOption(QStringLiteral("sslkey"), m_clientKey->text().trimmed());
    if (spec.option(QStringLiteral("sslpassword")).isEmpty())
        spec.setOption(QStringLiteral("sslpassword"), m_sslPassword);
    return spec;
}

void ConnectionDialog::showProblem(const QString &message)
{
    m_result->setText(message);
    if (ConnectionCredentials::isPasswordProblem(Error::database(message))) {
        m_password->clear();
        m_password->setFocus(Qt::OtherFocusReason);
    }
}

QString ConnectionDialog::testResult() const
{
    return m_result->text();
}

bool ConnectionDialog::rememberPassword() const
{
    return m_remember->isChecked();
}

void ConnectionDialog::setRememberPassword(bool remember)
{
    m_remember->setChecked(remember && m_remember->isEnabled());
}

void ConnectionDialog::testConnection()
{
    m_testing = true;
    updateButtons();
    m_result->setText(tr("Connecting…"));
    // A fresh worker each time, so a slow or failed attempt never blocks the dialog.
    m_tester = std::make_unique<DatabaseWorker>(spec(), QString());
    m_tester->post<SessionJobs::Connection>(
        this, SessionJobs::describeConnection(), [this](const Result<SessionJobs::Connection> &result) {
            m_testing = false;
            m_result->setText(result ? tr("Connected: %1 as %2").arg(result->serverVersion, result->actor)
                                     : result.error().message);
            updateButtons();
            const bool accepting = std::exchange(m_acceptAfterTest, false);
            emit testFinished(result.ok());
            if (result && accepting && keepPassword()) {
                ReadStandbySetting::set(spec().displayName(), readStandby());
                QDialog::accept();
            }
        });
}

QString ConnectionDialog::readStandby() const
{
    return m_readStandby->text().trimmed();
}

void ConnectionDialog::accept()
{
    if (m_testing)
        return;
    if (!readStandby().isEmpty()) {
        const auto standby = ConnectionSpec::parse(readStandby());
        if (!standby || standby->backend != ConnectionSpec::Backend::Postgres) {
            m_result->setText(standby ? tr("The standby must be a PostgreSQL server: give its URL, "
                                           "postgresql://user@host/database.")
                                      : standby.error().message);
            m_readStandby->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    m_acceptAfterTest = true;
    testConnection();
}

bool ConnectionDialog::keepPassword()
{
    const ConnectionSpec current = spec();
    const QString account = ConnectionCredentials::account(current);
    if (!m_keychainAvailable)
        return true;
    if (!m_remember->isChecked() || current.password.isEmpty()) {
        (void)m_store->remove(account); // not kept: nothing to undo if the keychain says no
        return true;
    }
    if (const Status saved = m_store->save(account, current.password); !saved) {
        m_keychainAvailable = false;
        m_remember->setChecked(false);
        m_remember->setEnabled(false);
        m_result->setText(tr("%1: the password was not saved. Connect again to use it for this session only.")
                              .arg(saved.error().message));
        return false;
    }
    return true;
}
