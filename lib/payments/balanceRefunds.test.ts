import { describe, expect, it } from "vitest";
import { allocateNewestFirst } from "./balanceRefunds";

describe("allocateNewestFirst", () => {
  const payments = [
    { id: "newest", refundable: 1000 },
    { id: "spent", refundable: 0 },
    { id: "older", refundable: 2500 },
    { id: "oldest", refundable: 500 },
  ];

  it("takes from the newest payment first and moves on only when it is used up", () => {
    expect(allocateNewestFirst(700, payments)).toEqual([{ id: "newest", amount: 700 }]);
    expect(allocateNewestFirst(1200, payments)).toEqual([
      { id: "newest", amount: 1000 },
      { id: "older", amount: 200 },
    ]);
  });

  it("skips payments with nothing left and covers exactly the whole refundable total", () => {
    expect(allocateNewestFirst(4000, payments)).toEqual([
      { id: "newest", amount: 1000 },
      { id: "older", amount: 2500 },
      { id: "oldest", amount: 500 },
    ]);
  });

  it("refuses an amount the payments cannot cover", () => {
    expect(allocateNewestFirst(4001, payments)).toBeNull();
    expect(allocateNewestFirst(1, [])).toBeNull();
  });
});
