#include "ui/diff/WhatChangedDialog.h"

#include "core/session/LedgerSession.h"
#include "core/statement/LedgerDiffJobs.h"
#include "models/LedgerDiffRowsModel.h"
#include "models/LedgerDiffUsersModel.h"
#include "models/LedgerMoment.h"
#include "models/XpFormat.h"
#include "ui/audit/UserFilterEdit.h"
#include "ui/common/BackgroundTask.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

WhatChangedDialog::WhatChangedDialog(LedgerSession *session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_preset(new QComboBox(this)),
      m_from(new QDateTimeEdit(this)),
      m_to(new QDateTimeEdit(this)),
      m_user(new UserFilterEdit(session, this)),
      m_compare(new QPushButton(tr("&Compare"), this)),
      m_summary(new QLabel(this)),
      m_rowsModel(new LedgerDiffRowsModel(this)),
      m_usersModel(new LedgerDiffUsersModel(this)),
      m_rows(makeTable(m_rowsModel, QStringLiteral("diffRows"), this)),
      m_users(makeTable(m_usersModel, QStringLiteral("diffUsers"), this))
{
    setObjectName(QStringLiteral("whatChangedDialog"));
    // Another database opened: this one's differences go with it.
    connect(session, &QObject::destroyed, this, [this] {
        hide();
        deleteLater();
    });
    setWindowTitle(tr("What Changed"));
    m_preset->setObjectName(QStringLiteral("diffPreset"));
    m_preset->addItem(tr("Last hour"), int(Preset::LastHour));
    m_preset->addItem(tr("Last 24 hours"), int(Preset::Last24Hours));
    m_preset->addItem(tr("Last 7 days"), int(Preset::Last7Days));
    m_preset->addItem(tr("Last 30 days"), int(Preset::Last30Days));
    m_preset->addItem(tr("Custom"), int(Preset::Custom));
    const QString format = XpFormat::datePattern() + QStringLiteral(" HH:mm:ss");
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setTimeSpec(Qt::LocalTime);
        edit->setDisplayFormat(format);
    }
    m_from->setObjectName(QStringLiteral("diffFrom"));
    m_to->setObjectName(QStringLiteral("diffTo"));
    m_user->setObjectName(QStringLiteral("diffUser"));
    m_user->setPlaceholderText(tr("Everyone (or type a name, email or id)"));
    m_compare->setObjectName(QStringLiteral("diffCompare"));
    m_compare->setDefault(true);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *period = new QHBoxLayout;
    period->addWidget(m_preset);
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To"), this);
    toLabel->setBuddy(m_to);
    period->addWidget(fromLabel);
    period->addWidget(m_from);
    period->addWidget(toLabel);
    period->addWidget(m_to);
    period->addStretch(1);
    auto *form = new QFormLayout;
    auto *periodLabel = new QLabel(tr("&Period:"), this);
    periodLabel->setBuddy(m_preset);
    form->addRow(periodLabel, period);
    auto *who = new QHBoxLayout;
    who->addWidget(m_user, 1);
    who->addWidget(m_compare);
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    form->addRow(userLabel, who);

    auto *rowsBox = new QGroupBox(tr("Transactions added, restored or removed"), this);
    (new QVBoxLayout(rowsBox))->addWidget(m_rows);
    auto *usersBox = new QGroupBox(tr("Users: total before and after"), this);
    (new QVBoxLayout(usersBox))->addWidget(m_users);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(rowsBox);
    split->addWidget(usersBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('8'));
    QHeaderView *rowsHeader = m_rows->horizontalHeader();
    rowsHeader->resizeSection(LedgerDiffRowsModel::Change, digit * 11);
    rowsHeader->resizeSection(LedgerDiffRowsModel::Time, digit * 22);
    rowsHeader->resizeSection(LedgerDiffRowsModel::User, digit * 18);
    rowsHeader->resizeSection(LedgerDiffRowsModel::Amount, digit * 9);
    rowsHeader->resizeSection(LedgerDiffRowsModel::Category, digit * 17);
    rowsHeader->resizeSection(LedgerDiffRowsModel::Source, digit * 24);
    m_users->horizontalHeader()->resizeSection(LedgerDiffUsersModel::User, digit * 24);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &WhatChangedDialog::onPresetChanged);
    connect(m_compare, &QPushButton::clicked, this, &WhatChangedDialog::compare);
    m_preset->setCurrentIndex(int(Preset::Last24Hours));
    onPresetChanged();
    resize(digit * 130, digit * 80);
}

void WhatChangedDialog::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void WhatChangedDialog::setPeriod(const QDateTime &from, const QDateTime &to)
{
    setPreset(Preset::Custom);
    m_from->setDateTime(from.toLocalTime());
    m_to->setDateTime(to.toLocalTime());
}

void WhatChangedDialog::setUserId(const QString &userId)
{
    m_user->setUserId(userId);
}

void WhatChangedDialog::onPresetChanged()
{
    const bool custom = Preset(m_preset->currentData().toInt()) == Preset::Custom;
    m_from->setEnabled(custom);
    m_to->setEnabled(custom);
    if (!custom) {
        const auto [from, to] = period();
        m_from->setDateTime(from.toLocalTime());
        m_to->setDateTime(to.toLocalTime());
    }
}

std::pair<QDateTime, QDateTime> WhatChangedDialog::period() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    switch (Preset(m_preset->currentData().toInt())) {
    case Preset::LastHour:
        return {now.addSecs(-3600), now};
    case Preset::Last24Hours:
        return {now.addDays(-1), now};
    case Preset::Last7Days:
        return {now.addDays(-7), now};
    case Preset::Last30Days:
        return {now.addDays(-30), now};
    case Preset::Custom:
        break;
    }
    return {m_from->dateTime().toUTC(), m_to->dateTime().toUTC()};
}

void WhatChangedDialog::compare()
{
    if (m_running)
        return;
    onPresetChanged(); // a preset counts back from now, as of this click
    const auto [from, to] = period();
    m_running = true;
    m_compare->setEnabled(false);
    m_summary->setText(tr("Comparing…"));
    auto *task = new BackgroundTask(this, tr("What Changed"),
                                    [](qint64, qint64) { return tr("Rebuilding both moments from the audit log…"); });
    task->setFailureReport(BackgroundTask::Severity::Warning, tr("What Changed"));
    task->postRead<LedgerDiff>(m_session->background(), LedgerDiffJobs::read(from, to, m_user->userId()),
                               [this](const Result<LedgerDiff> &diff) {
                                   m_running = false;
                                   m_compare->setEnabled(true);
                                   if (diff) {
                                       display(*diff);
                                   } else {
                                       m_rowsModel->clear();
                                       m_usersModel->clear();
                                       m_summary->setText(tr("Not compared: %1").arg(diff.error().message));
                                   }
                                   emit compared();
                               });
}

void WhatChangedDialog::display(const LedgerDiff &diff)
{
    m_diff = diff;
    m_rowsModel->setDiff(diff);
    m_usersModel->setDiff(diff);
    m_summary->setText(summary(diff));
}

QString WhatChangedDialog::summary(const LedgerDiff &diff) const
{
    int added = 0;
    int restored = 0;
    int removed = 0;
    for (const DiffRow &row : diff.rows) {
        if (row.change == DiffRow::Change::Added)
            ++added;
        else if (row.change == DiffRow::Change::Restored)
            ++restored;
        else
            ++removed;
    }
    QStringList lines;
    const QLocale locale;
    lines << tr("From %1 to %2: %n transaction(s) changed (%3 added, %4 restored, %5 removed).", nullptr,
                added + restored + removed)
                 .arg(LedgerMoment::momentText(diff.from), LedgerMoment::momentText(diff.to), locale.toString(added),
                      locale.toString(restored), locale.toString(removed));
    const int users = int(diff.users.size());
    lines << (diff.reconciles()
                  ? tr("%n user(s) changed; every total reconciles (before + added − removed = after).", nullptr, users)
                  : tr("%n user(s) changed; some totals do not reconcile: see the marked rows.", nullptr, users));
    const int events = int(diff.eventsChecked);
    if (diff.brokenSeq)
        lines << tr("The hash chain is broken at event %1 of the %n event(s) in between: %2", nullptr, events)
                     .arg(*diff.brokenSeq)
                     .arg(diff.brokenReason);
    else
        lines << tr("The hash chain of the %n audit event(s) in between is intact.", nullptr, events);
    if (!diff.logBegins.isValid() || diff.from < diff.logBegins)
        lines << (diff.logBegins.isValid()
                      ? tr("Exact from %1; before it, rows are placed by their creation time.")
                            .arg(LedgerMoment::momentText(diff.logBegins))
                      : tr("The audit log is empty: rows are placed by their creation time, and rows removed are "
                           "not known."));
    return lines.join(QLatin1Char('\n'));
}
