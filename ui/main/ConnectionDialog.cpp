#include "ConnectionDialog.h"

#include "db/Database.h"
#include "worker/DatabaseWorker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent),
      m_host(new QLineEdit(QStringLiteral("localhost"), this)),
      m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)),
      m_user(new QLineEdit(this)),
      m_password(new QLineEdit(this)),
      m_sslMode(new QComboBox(this)),
      m_testButton(new QPushButton(tr("&Test connection"), this)),
      m_result(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to PostgreSQL"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database->setPlaceholderText(tr("the web application's database"));
    m_user->setText(qEnvironmentVariable("USER"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("empty: use PGPASSWORD or ~/.pgpass"));
    m_password->setToolTip(tr("Used for this session only; never written to settings or logs."));
    for (const char *mode : {"prefer", "require", "verify-full", "disable"})
        m_sslMode->addItem(QString::fromLatin1(mode));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&SSL mode:"), m_sslMode);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_testButton, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_host, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateButtons);
    updateButtons();
}

ConnectionDialog::~ConnectionDialog() = default;

void ConnectionDialog::updateButtons()
{
    const bool complete = !m_database->text().trimmed().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
    m_testButton->setEnabled(complete);
}

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    m_host->setText(spec.host);
    m_port->setValue(spec.port);
    m_database->setText(spec.database);
    m_user->setText(spec.user);
    m_password->setText(spec.password);
    const QString ssl = spec.options.section(QStringLiteral("sslmode="), 1).section(QLatin1Char(';'), 0, 0);
    if (!ssl.isEmpty())
        m_sslMode->setCurrentText(ssl);
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

QString ConnectionDialog::testResult() const
{
    return m_result->text();
}

void ConnectionDialog::testConnection()
{
    m_testButton->setEnabled(false);
    m_result->setText(tr("Connecting…"));
    // A fresh worker each time, so a slow or failed attempt never blocks the dialog.
    m_tester = std::make_unique<DatabaseWorker>(spec(), QString());
    m_tester->post<QString>(
        this,
        [](Database &db) -> Result<QString> { return tr("Connected: %1 as %2").arg(db.serverVersion(), db.actor()); },
        [this](const Result<QString> &result) {
            m_result->setText(result ? *result : result.error().message);
            updateButtons();
            emit testFinished(result.ok());
        });
}
