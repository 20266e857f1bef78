#include "ui/audit/AuditReportDialog.h"

#include "models/XpFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

AuditReportDialog::AuditReportDialog(QWidget *parent)
    : QDialog(parent),
      m_user(new QLineEdit(this)),
      m_sinceCheck(new QCheckBox(tr("&From:"), this)),
      m_since(new QDateEdit(QDate::currentDate().addMonths(-1), this)),
      m_untilCheck(new QCheckBox(tr("&To:"), this)),
      m_until(new QDateEdit(QDate::currentDate(), this)),
      m_format(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Audit Report"));
    m_user->setObjectName(QStringLiteral("reportUser"));
    m_user->setPlaceholderText(tr("the user's id"));
    // Room for a whole id (a cuid is 25 characters).
    m_user->setMinimumWidth(m_user->fontMetrics().horizontalAdvance(QString(27, QLatin1Char('m'))));
    for (QDateEdit *edit : {m_since, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(XpFormat::datePattern());
    }
    m_sinceCheck->setToolTip(tr("Unchecked: from the user's first event"));
    m_untilCheck->setToolTip(tr("Unchecked: up to the newest event"));
    m_since->setEnabled(false);
    m_until->setEnabled(false);
    m_format->addItem(tr("PDF, to print and file"));
    m_format->addItem(tr("CSV, for a spreadsheet"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write Report…"));

    auto *intro = new QLabel(tr("Every audit event of one user in a period, with its hash, under a header that "
                                "names the database and the newest hash of the whole log."),
                             this);
    intro->setWordWrap(true);
    auto *since = new QHBoxLayout;
    since->addWidget(m_sinceCheck);
    since->addWidget(m_since, 1);
    auto *until = new QHBoxLayout;
    until->addWidget(m_untilCheck);
    until->addWidget(m_until, 1);
    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(since);
    form->addRow(until);
    form->addRow(tr("F&ormat:"), m_format);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_sinceCheck, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilCheck, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(m_user, &QLineEdit::textChanged, this, &AuditReportDialog::updateButtons);
    connect(m_since, &QDateEdit::dateChanged, this, &AuditReportDialog::updateButtons);
    connect(m_until, &QDateEdit::dateChanged, this, &AuditReportDialog::updateButtons);
    connect(m_sinceCheck, &QCheckBox::toggled, this, &AuditReportDialog::updateButtons);
    connect(m_untilCheck, &QCheckBox::toggled, this, &AuditReportDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

void AuditReportDialog::setUserId(const QString &userId)
{
    m_user->setText(userId);
}

AuditReportRequest AuditReportDialog::request() const
{
    AuditReportRequest request;
    request.userId = m_user->text().trimmed();
    if (m_sinceCheck->isChecked())
        request.since = m_since->date().startOfDay().toUTC();
    if (m_untilCheck->isChecked())
        request.until = m_until->date().addDays(1).startOfDay().toUTC();
    return request;
}

AuditReportDialog::Format AuditReportDialog::format() const
{
    return m_format->currentIndex() == 1 ? Format::Csv : Format::Pdf;
}

QString AuditReportDialog::suffix() const
{
    return format() == Format::Csv ? QStringLiteral("csv") : QStringLiteral("pdf");
}

void AuditReportDialog::updateButtons()
{
    const bool periodOk
        = !m_sinceCheck->isChecked() || !m_untilCheck->isChecked() || m_since->date() <= m_until->date();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(!m_user->text().trimmed().isEmpty() && periodOk);
    ok->setToolTip(periodOk ? QString() : tr("The last day is before the first"));
}
