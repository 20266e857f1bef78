#include "ui/main/ConnectionDialog.h"

#include "core/session/ConnectionCredentials.h"
#include "core/session/CredentialStore.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/SessionJobs.h"
#include "ui/main/ReadStandbySetting.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

ConnectionDialog::ConnectionDialog(QWidget *parent, CredentialStore *store)
    : QDialog(parent),
      m_store(store ? store : &CredentialStore::system()),
      m_host(new QLineEdit(QStringLiteral("localhost"), this)),
      m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)),
      m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_remember(new QCheckBox(tr("&Remember the password in the system keychain"), this)),
      m_sslMode(new QComboBox(this)),
      m_readStandby(new QLineEdit(this)),
      m_testButton(new QPushButton(tr("&Test connection"), this)),
      m_result(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database->setPlaceholderText(tr("the web application's database"));
    m_user->setText(qEnvironmentVariable("USER"));
    m_password->setObjectName(QStringLiteral("connectionPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: use PGPASSWORD or ~/.pgpass"));
    m_password->setToolTip(
        tr("Kept in the system keychain when you ask; otherwise used for this session only. Never written to "
           "settings or logs."));
    m_remember->setObjectName(QStringLiteral("connectionRemember"));
    for (const char *mode : {"prefer", "require", "verify-full", "disable"})
        m_sslMode->addItem(QString::fromLatin1(mode));
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    form->addRow(tr("&SSL mode:"), m_sslMode);
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

    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_host, m_database, m_user})
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
    const bool complete = !m_database->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !m_testing);
    m_testButton->setEnabled(complete && !m_testing);
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

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    m_host->setText(spec.host);
    m_port->setValue(spec.port);
    m_database->setText(spec.database);
    m_user->setText(spec.user);
    m_password->setText(spec.password);
    m_readStandby->setText(ReadStandbySetting::forDatabase(spec.displayName()));
    const QString ssl = spec.options.section(QStringLiteral("sslmode="), 1).section(QLatin1Char(';'), 0, 0);
    if (!ssl.isEmpty())
        m_sslMode->setCurrentText(ssl);
    loadSavedPassword();
}

ConnectionSpec ConnectionDialog::spec() const
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    spec.host = m_host->text().trimmed();
    spec.port = m_port->value();
    spec.database = m_database->text().trimmed();
    spec.user = m_user->text().trimmed();
    spec.password = m_password->text();
    if (m_sslMode->currentText() != QLatin1String("prefer"))
        spec.options = QStringLiteral("sslmode=") + m_sslMode->currentText();
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
