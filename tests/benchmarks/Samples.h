#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

// Timings of repeated runs, in milliseconds.
class Samples final
{
public:
    void add(double ms) { m_values.push_back(ms); }
    bool isEmpty() const { return m_values.empty(); }
    std::size_t size() const { return m_values.size(); }

    double best() const { return m_values.empty() ? 0 : *std::min_element(m_values.begin(), m_values.end()); }
    double median() const { return percentile(50); }
    // The nearest-rank percentile: the value below which p percent of the runs fall.
    double percentile(double p) const
    {
        if (m_values.empty())
            return 0;
        std::vector<double> sorted = m_values;
        std::sort(sorted.begin(), sorted.end());
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(sorted.size())));
        return sorted.at(std::clamp<std::size_t>(rank, 1, sorted.size()) - 1);
    }
    double sum() const
    {
        double total = 0;
        for (double value : m_values)
            total += value;
        return total;
    }

private:
    std::vector<double> m_values;
};
