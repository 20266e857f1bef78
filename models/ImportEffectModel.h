#pragma once

#include "core/import/ImportReport.h"

#include <QAbstractTableModel>

// How an import moves each user's total: before, change, after; new users are marked.
class ImportEffectModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { User, Before, Change, After, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit ImportEffectModel(QObject *parent = nullptr);

    void setEffects(const QList<ImportUserEffect> &effects);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<ImportUserEffect> m_effects;
};
